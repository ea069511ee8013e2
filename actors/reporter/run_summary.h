// The numbers of one run.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "messages/run.h"
#include "messages/validation_result.h"

namespace lsqm {

// Counts per status (one verdict per architecture: a later result for the same arch_hash
// replaces an earlier one), pass_rate = passed / (total − error), 0 when nothing counts,
// and the previous run's id and pass rate when there is one. new/skipped/generation counts
// and report_path are left for the caller (they come from RunInfo and the writer).
RunSummary summarize(const std::string& run_id, const std::string& started_at,
                     const std::string& finished_at, const std::vector<ValidationResult>& results,
                     const std::optional<RunSummary>& previous, std::vector<Regression> regressions,
                     std::vector<Regression> fixes);

// hash → status of a run's results (the input of compare_runs); the last result per hash wins.
std::map<std::string, Status> statuses_of(const std::vector<ValidationResult>& results);

// statuses_of without flaky verdicts: what regressions and fixes are computed from, in this
// run and as the next run's baseline (a flaky verdict says nothing either way).
std::map<std::string, Status> comparable_statuses_of(const std::vector<ValidationResult>& results);

}  // namespace lsqm
