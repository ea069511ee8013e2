#include "actors/reporter/trends.h"

#include <algorithm>

#include "actors/reporter/run_summary.h"

namespace lsqm {
namespace {

std::string run_id_of(const nlohmann::json& entry) {
  if (entry.is_object() && entry.contains("run_id") && entry["run_id"].is_string())
    return entry["run_id"].get<std::string>();
  return "";
}

nlohmann::json upsert_sorted(const nlohmann::json& existing, nlohmann::json entry,
                             std::size_t keep, const char* file) {
  if (!existing.is_null() && !existing.is_array())
    throw TrendsError(std::string(file) + " is not a JSON array");
  auto id = run_id_of(entry);
  std::vector<nlohmann::json> entries;
  if (existing.is_array())
    for (auto& e : existing)
      if (run_id_of(e) != id) entries.push_back(e);
  entries.push_back(std::move(entry));
  // run_id starts with the UTC time, so string order is time order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](auto& a, auto& b) { return run_id_of(a) < run_id_of(b); });
  if (entries.size() > keep) entries.erase(entries.begin(), entries.end() - keep);
  return nlohmann::json(entries);
}

}  // namespace

nlohmann::json update_summary_trend(const nlohmann::json& existing, const RunSummary& s,
                                    std::size_t keep) {
  nlohmann::json entry = {{"run_id", s.run_id},   {"started_at", s.started_at},
                          {"total", s.total},     {"passed", s.passed},
                          {"partial", s.partial}, {"failed", s.failed},
                          {"timeout", s.timeout}, {"error", s.error},
                          {"pass_rate", s.pass_rate}};
  return upsert_sorted(existing, std::move(entry), keep, "trends/summary.json");
}

nlohmann::json service_counts(const std::vector<ValidationResult>& results,
                              const nlohmann::json& index) {
  auto counts = nlohmann::json::object();
  if (!index.is_object()) return counts;
  for (auto& [hash, status] : statuses_of(results)) {
    if (status == Status::ERROR || !index.contains(hash)) continue;
    auto& entry = index[hash];
    if (!entry.is_object() || !entry.contains("services") || !entry["services"].is_array()) continue;
    for (auto& service : entry["services"]) {
      if (!service.is_string()) continue;
      auto& c = counts[service.get<std::string>()];
      if (c.is_null()) c = {{"total", 0}, {"passed", 0}};
      c["total"] = c["total"].get<int>() + 1;
      if (status == Status::PASSED) c["passed"] = c["passed"].get<int>() + 1;
    }
  }
  return counts;
}

nlohmann::json update_services_trend(const nlohmann::json& existing, const std::string& run_id,
                                     const std::vector<ValidationResult>& results,
                                     const nlohmann::json& index, std::size_t keep) {
  nlohmann::json entry = {{"run_id", run_id}, {"services", service_counts(results, index)}};
  return upsert_sorted(existing, std::move(entry), keep, "trends/services.json");
}

}  // namespace lsqm
