#include "actors/validator/provider_reuse.h"

#include <optional>
#include <regex>
#include <sstream>
#include <vector>

namespace lsqm {
namespace {

// "5.10.1" -> {5, 10, 1}; nothing when it is not dotted numbers (pre-release tags included).
std::optional<std::vector<long>> parse_version(const std::string& text) {
  static const std::regex re(R"re(^\s*v?(\d+(?:\.\d+){0,2})\s*$)re");
  std::smatch m;
  if (!std::regex_match(text, m, re)) return std::nullopt;
  std::vector<long> parts;
  std::istringstream in(m[1].str());
  for (std::string p; std::getline(in, p, '.');) parts.push_back(std::stol(p));
  return parts;
}

// -1, 0, 1; missing parts count as 0.
int compare(const std::vector<long>& a, const std::vector<long>& b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    long x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

bool satisfies_one(const std::vector<long>& v, const std::string& part) {
  static const std::regex re(R"re(^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+)\s*$)re");
  std::smatch m;
  if (!std::regex_match(part, m, re)) return false;
  auto bound = parse_version(m[2]);
  if (!bound) return false;
  const std::string op = m[1].matched ? m[1].str() : "=";
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

bool version_satisfies(const std::string& version, const std::string& constraint) {
  auto v = parse_version(version);
  if (!v) return false;
  std::istringstream in(constraint);
  for (std::string part; std::getline(in, part, ',');) {
    if (part.find_first_not_of(" \t") == std::string::npos) continue;
    if (!satisfies_one(*v, part)) return false;
  }
  return true;
}

std::string shared_provider_refusal(const TerraformFacts& facts, const std::string& served_version,
                                    const std::string& pin) {
  // One provider process holds one configuration: a second (an alias, a module's own
  // block) would be configured over the first, and its resources land in the wrong region.
  for (const auto& block : facts.aws_providers)
    if (!block.alias.empty())
      return "it configures more than one aws provider (alias \"" + block.alias + "\")";
  if (facts.module_aws_providers > 0)
    return "a module configures an aws provider of its own";
  if (!facts.aws_provider_settings.empty())
    return "its aws provider block sets " + facts.aws_provider_settings.front() +
           ", which a shared provider cannot honour";
  if (!facts.profiles.empty() && !version_satisfies(served_version, ">= 4.0"))
    return "it names AWS profiles, which a shared provider older than 4.0 cannot read";
  const std::string& wanted = pin.empty() ? facts.aws_version_constraint : pin;
  if (!version_satisfies(served_version, wanted))
    return "it asks for aws provider " + wanted + ", the slot serves " + served_version;
  return {};
}

}  // namespace lsqm
