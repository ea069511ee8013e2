#include "actors/validator/terraform_stop.h"

#include <array>
#include <string_view>
#include <utility>
#include <vector>

namespace lsqm {

namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The summary lines of terraform's diagnostics ("Error: <summary>"), in order.
std::vector<std::string_view> error_summaries(std::string_view text) {
  std::vector<std::string_view> out;
  static constexpr std::string_view tag = "Error: ";
  for (auto pos = text.find(tag); pos != std::string_view::npos; pos = text.find(tag, pos + 1)) {
    const auto line_begin = text.rfind('\n', pos);
    const auto before = text.substr(line_begin == std::string_view::npos ? 0 : line_begin + 1,
                                    pos - (line_begin == std::string_view::npos ? 0 : line_begin + 1));
    // Only at the start of a line, after terraform's box-drawing margin at most.
    if (before.find_first_not_of(" \t\xe2\x94\x82") != std::string_view::npos) continue;
    auto end = text.find('\n', pos);
    out.push_back(text.substr(pos + tag.size(), (end == std::string_view::npos ? text.size() : end) -
                                                    pos - tag.size()));
  }
  return out;
}

// Diagnostics of a configuration the provider's schema does not accept: written for another
// aws provider version (arguments added or removed, value lists that grew).
bool schema_mismatch(std::string_view summary) {
  static constexpr std::array<std::string_view, 11> headings{
      "Unsupported argument",          "Unsupported attribute",
      "Missing required argument",     "Invalid resource type",
      "Invalid data source",           "Unsupported block type",
      "Value for unconfigurable attribute", "Insufficient ",
      "Too many ",                     "Conflicting configuration arguments",
      "Invalid Attribute Value Match",
  };
  for (auto h : headings)
    if (summary.starts_with(h)) return true;
  // helper/validation's value checks: "expected runtime to be one of [...], got python3.14"
  return summary.starts_with("expected ") && contains(summary, " to be one of ");
}

bool module_missing(std::string_view summary) {
  return summary.starts_with("Unreadable module directory") ||
         summary.starts_with("Error accessing remote module registry") ||
         summary.starts_with("Module not installed") ||
         summary.starts_with("Failed to download module") ||
         summary.starts_with("Module source has changed") ||
         summary.starts_with("Invalid module source address");
}

bool provider_missing(std::string_view summary) {
  return summary.starts_with("Failed to query available provider packages") ||
         summary.starts_with("Failed to install provider") ||
         summary.starts_with("Inconsistent dependency lock file") ||
         summary.starts_with("Required plugins are not installed");
}

}  // namespace

bool made_aws_calls(const std::string& out) {
  // Progress lines of the resource and data source operations terraform runs.
  static constexpr std::array<std::string_view, 9> progress{
      ": Creating...",        ": Still creating...", ": Destroying...",
      ": Still destroying...", ": Modifying...",     ": Reading...",
      ": Refreshing state...", ": Creation complete", ": Read complete"};
  for (auto p : progress)
    if (contains(out, p)) return true;
  return contains(out, "operation error ") || contains(out, "api error ") ||
         contains(out, "https response error StatusCode");
}

std::string stop_cause(const std::string& out) {
  const auto summaries = error_summaries(out);
  for (auto s : summaries)
    if (s.starts_with("No value for required variable")) return "needs_input";
  for (auto s : summaries)
    if (module_missing(s)) return "module_unavailable";
  for (auto s : summaries)
    if (provider_missing(s)) return "provider_unavailable";
  for (auto s : summaries)
    if (schema_mismatch(s)) return "provider_version_mismatch";
  return "invalid_configuration";
}

}  // namespace lsqm
