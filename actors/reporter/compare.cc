#include "actors/reporter/compare.h"

namespace lsqm {
namespace {

// Verdict strength for comparison; ERROR has none.
int rank(Status s) {
  switch (s) {
    case Status::PASSED: return 2;
    case Status::PARTIAL: return 1;
    case Status::FAILED:
    case Status::TIMEOUT: return 0;
    case Status::ERROR: return -1;
  }
  return -1;
}

}  // namespace

bool is_regression(Status previous, Status current) {
  return rank(previous) >= 0 && rank(current) >= 0 && rank(current) < rank(previous);
}

bool is_fix(Status previous, Status current) { return is_regression(current, previous); }

Comparison compare_runs(const std::map<std::string, Status>& previous,
                        const std::map<std::string, Status>& current,
                        const std::string& previous_run, const std::string& current_run,
                        const std::map<std::string, std::string>& names) {
  Comparison c;
  for (auto& [hash, now] : current) {
    auto before = previous.find(hash);
    if (before == previous.end()) continue;
    auto name = names.find(hash);
    Regression r{hash, name == names.end() ? "" : name->second, previous_run, current_run,
                 before->second, now};
    if (is_regression(before->second, now)) c.regressions.push_back(r);
    else if (is_fix(before->second, now)) c.fixes.push_back(r);
  }
  return c;
}

std::vector<Regression> find_regressions(const std::map<std::string, Status>& previous,
                                         const std::map<std::string, Status>& current,
                                         const std::string& previous_run,
                                         const std::string& current_run,
                                         const std::map<std::string, std::string>& names) {
  return compare_runs(previous, current, previous_run, current_run, names).regressions;
}

std::vector<Regression> find_fixes(const std::map<std::string, Status>& previous,
                                   const std::map<std::string, Status>& current,
                                   const std::string& previous_run, const std::string& current_run,
                                   const std::map<std::string, std::string>& names) {
  return compare_runs(previous, current, previous_run, current_run, names).fixes;
}

}  // namespace lsqm
