#include "formats/repo_merge.h"

#include <map>

#include <nlohmann/json.hpp>

#include "formats/repo_layout.h"

namespace lsqm {
namespace {

std::string dump(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Entries without a run_id are kept, after the rest.
std::string trend_key(const nlohmann::json& e) {
  if (e.is_object() && e.contains("run_id") && e["run_id"].is_string())
    return e["run_id"].get<std::string>();
  return "~" + e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string merge_index(const std::string& ours, const std::string& theirs) {
  auto o = nlohmann::json::parse(ours, nullptr, false);
  auto t = nlohmann::json::parse(theirs, nullptr, false);
  if (!o.is_object() || !t.is_object()) return ours;
  t.update(o);
  return dump(t);
}

std::string merge_trend(const std::string& ours, const std::string& theirs) {
  auto o = nlohmann::json::parse(ours, nullptr, false);
  auto t = nlohmann::json::parse(theirs, nullptr, false);
  if (!o.is_array() || !t.is_array()) return ours;
  std::map<std::string, nlohmann::json> by_run;
  for (auto& e : t) by_run[trend_key(e)] = e;
  for (auto& e : o) by_run[trend_key(e)] = e;
  auto out = nlohmann::json::array();
  for (auto& [k, e] : by_run) out.push_back(e);
  return dump(out);
}

std::optional<std::string> merged_content(const std::string& path, const std::string& ours,
                                          const std::string& theirs) {
  if (path == layout::kIndexPath) return merge_index(ours, theirs);
  if (path == layout::kSummaryTrendPath || path == layout::kServicesTrendPath)
    return merge_trend(ours, theirs);
  return std::nullopt;
}

}  // namespace lsqm
