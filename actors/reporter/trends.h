// trends/summary.json and trends/services.json: one entry per run, newest N kept.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/run.h"
#include "messages/validation_result.h"

namespace lsqm {

struct TrendsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kKeptRuns = 52;

// `existing` is the file's parsed content (null when the file is missing). The run's entry
// replaces one with the same run_id or is added; the result is sorted by run_id and keeps the
// newest `keep`. Throws TrendsError when `existing` is neither null nor an array, so a
// damaged file is reported instead of overwritten.
nlohmann::json update_summary_trend(const nlohmann::json& existing, const RunSummary& summary,
                                    std::size_t keep = kKeptRuns);

// {service: {total, passed}} over the run's verdicts, services taken from the index entries
// (architectures/index.json, hash → {services: […]}). ERROR verdicts are left out (they say
// nothing about the service); an architecture missing from the index is left out too.
nlohmann::json service_counts(const std::vector<ValidationResult>& results,
                              const nlohmann::json& index);

nlohmann::json update_services_trend(const nlohmann::json& existing, const std::string& run_id,
                                     const std::vector<ValidationResult>& results,
                                     const nlohmann::json& index, std::size_t keep = kKeptRuns);

}  // namespace lsqm
