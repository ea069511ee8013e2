#include "actors/reporter/index_counts.h"

namespace lsqm {
namespace {

std::string string_field(const nlohmann::json& entry, const char* key) {
  auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string skip_reason_cause(const std::string& skip_reason) {
  auto colon = skip_reason.find(':');
  auto cause = skip_reason.substr(0, colon);
  while (!cause.empty() && cause.back() == ' ') cause.pop_back();
  return cause.substr(0, 80);  // a reason is mined text: keep the key short
}

IndexCounts count_index(const nlohmann::json& index) {
  IndexCounts c;
  if (!index.is_object()) return c;
  for (auto& [hash, entry] : index.items()) {
    if (!entry.is_object()) continue;
    ++c.total;
    auto kind = string_field(entry, "kind");
    ++c.by_kind[kind.empty() ? "terraform" : kind];
    auto reason = string_field(entry, "skip_reason");
    if (reason.empty()) continue;
    ++c.skipped;
    ++c.skipped_by_reason[skip_reason_cause(reason)];
  }
  return c;
}

nlohmann::json to_json(const IndexCounts& c) {
  return {{"total", c.total},
          {"skipped", c.skipped},
          {"by_kind", c.by_kind},
          {"skipped_by_reason", c.skipped_by_reason}};
}

}  // namespace lsqm
