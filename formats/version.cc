#include "formats/version.h"

#include <algorithm>

namespace lsqm {
namespace {

constexpr std::size_t kMaxDigits = 9;  // fits a long, and no version needs more

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// -1, 0, 1; missing parts count as 0.
int compare(const std::vector<long>& a, const std::vector<long>& b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    long x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// The operator a constraint part starts with ("=" when none), and the rest.
std::pair<std::string_view, std::string_view> split_operator(std::string_view part) {
  static constexpr std::string_view ops[] = {"~>", ">=", "<=", "!=", "=", ">", "<"};
  for (auto op : ops)
    if (part.substr(0, op.size()) == op) return {op, part.substr(op.size())};
  return {"=", part};
}

bool satisfies_one(const std::vector<long>& v, std::string_view part) {
  auto [op, rest] = split_operator(trim(part));
  rest = trim(rest);
  auto bound = parse_version(rest);
  if (!bound) return false;
  int c = compare(v, *bound);
  if (op == "=") return c == 0;
  if (op == "!=") return c != 0;
  if (op == ">") return c > 0;
  if (op == ">=") return c >= 0;
  if (op == "<") return c < 0;
  if (op == "<=") return c <= 0;
  // ~>: at least the bound, and only the rightmost given part may grow.
  if (c < 0) return false;
  if (bound->size() == 1) return true;  // "~> 5" allows any 5.x and later
  std::vector<long> upper(bound->begin(), bound->end() - 1);
  ++upper.back();
  return compare(v, upper) < 0;
}

}  // namespace

std::optional<std::vector<long>> parse_version(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == 'v') text.remove_prefix(1);
  std::vector<long> parts;
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    long n = 0;
    while (i < text.size() && is_digit(text[i]) && i - start < kMaxDigits) n = n * 10 + (text[i++] - '0');
    if (i == start || (i < text.size() && is_digit(text[i]))) return std::nullopt;
    parts.push_back(n);
    if (i == text.size()) break;
    if (text[i] != '.' || parts.size() == 3) return std::nullopt;
    ++i;
  }
  return parts;
}

bool is_exact_version(std::string_view text) {
  auto v = parse_version(text);
  return v && v->size() == 3 && !text.empty() && is_digit(text.front()) && is_digit(text.back());
}

bool version_satisfies(const std::string& version, const std::string& constraint) {
  auto v = parse_version(version);
  if (!v) return false;
  std::string_view rest = constraint;
  while (true) {
    auto comma = rest.find(',');
    auto part = rest.substr(0, comma);
    if (!trim(part).empty() && !satisfies_one(*v, part)) return false;
    if (comma == std::string_view::npos) return true;
    rest.remove_prefix(comma + 1);
  }
}

std::string newest_version_for(const std::vector<std::string>& available,
                               const std::string& constraint) {
  std::string newest, newest_fitting;
  auto newer = [](const std::string& a, const std::string& b) {
    return b.empty() || compare(*parse_version(a), *parse_version(b)) > 0;
  };
  for (const auto& v : available) {
    if (!is_exact_version(v)) continue;
    if (newer(v, newest)) newest = v;
    if (version_satisfies(v, constraint) && newer(v, newest_fitting)) newest_fitting = v;
  }
  return newest_fitting.empty() ? newest : newest_fitting;
}

}  // namespace lsqm
