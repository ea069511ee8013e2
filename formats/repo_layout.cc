#include "formats/repo_layout.h"

namespace lsqm::layout {
namespace {

bool all_of(std::string_view s, std::string_view allowed) {
  return s.find_first_not_of(allowed) == std::string_view::npos;
}

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kHex = "0123456789abcdef";

std::string printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 80)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out + (s.size() > 80 ? "..." : "");
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& initial_files() {
  static const std::vector<std::pair<std::string, std::string>> files = {
      {kIndexPath, "{}\n"},        {kSummaryTrendPath, "[]\n"}, {kServicesTrendPath, "[]\n"},
      {"apps/.gitkeep", ""},       {"runs/.gitkeep", ""},       {"reports/latest/.gitkeep", ""},
  };
  return files;
}

bool is_arch_hash(std::string_view s) { return s.size() == 64 && all_of(s, kHex); }

bool is_run_id(std::string_view s) {
  return s.size() == 23 && all_of(s.substr(0, 8), kDigits) && s[8] == 'T' &&
         all_of(s.substr(9, 6), kDigits) && s[15] == 'Z' && s[16] == '-' &&
         all_of(s.substr(17), kHex);
}

std::filesystem::path arch_dir(std::string_view hash) {
  if (!is_arch_hash(hash))
    throw InvalidName("not an architecture hash (64 lowercase hex): '" + printable(hash) + "'");
  return std::filesystem::path("architectures") / std::string(hash);
}

std::filesystem::path app_dir(std::string_view hash) {
  if (!is_arch_hash(hash))
    throw InvalidName("not an architecture hash (64 lowercase hex): '" + printable(hash) + "'");
  return std::filesystem::path("apps") / std::string(hash);
}

std::filesystem::path run_dir(std::string_view run_id) {
  if (!is_run_id(run_id))
    throw InvalidName("not a run id (YYYYMMDDTHHMMSSZ-xxxxxx): '" + printable(run_id) + "'");
  return std::filesystem::path("runs") / std::string(run_id);
}

}  // namespace lsqm::layout
