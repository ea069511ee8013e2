// Regressions and fixes between two runs' verdicts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "messages/run.h"
#include "messages/status.h"

namespace lsqm {

// PASSED→(FAILED|PARTIAL|TIMEOUT) or PARTIAL→(FAILED|TIMEOUT). ERROR on either side never counts.
bool is_regression(Status previous, Status current);
// The reverse: (FAILED|PARTIAL|TIMEOUT)→PASSED or (FAILED|TIMEOUT)→PARTIAL.
bool is_fix(Status previous, Status current);

struct Comparison {
  std::vector<Regression> regressions;  // by arch hash
  std::vector<Regression> fixes;        // by arch hash
};

// Architectures present in only one of the runs are ignored. `names` (hash → name) fills
// Regression::arch_name where known.
Comparison compare_runs(const std::map<std::string, Status>& previous,
                        const std::map<std::string, Status>& current,
                        const std::string& previous_run, const std::string& current_run,
                        const std::map<std::string, std::string>& names = {});

std::vector<Regression> find_regressions(const std::map<std::string, Status>& previous,
                                         const std::map<std::string, Status>& current,
                                         const std::string& previous_run,
                                         const std::string& current_run,
                                         const std::map<std::string, std::string>& names = {});

std::vector<Regression> find_fixes(const std::map<std::string, Status>& previous,
                                   const std::map<std::string, Status>& current,
                                   const std::string& previous_run, const std::string& current_run,
                                   const std::map<std::string, std::string>& names = {});

}  // namespace lsqm
