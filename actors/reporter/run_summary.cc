#include "actors/reporter/run_summary.h"

namespace lsqm {
namespace {

// One verdict per architecture; results without a hash each count on their own.
std::vector<const ValidationResult*> verdicts(const std::vector<ValidationResult>& results) {
  std::vector<const ValidationResult*> out;
  std::map<std::string, std::size_t> slot;
  for (auto& r : results) {
    if (r.arch_hash.empty()) {
      out.push_back(&r);
      continue;
    }
    auto [it, inserted] = slot.emplace(r.arch_hash, out.size());
    if (inserted) out.push_back(&r);
    else out[it->second] = &r;
  }
  return out;
}

}  // namespace

RunSummary summarize(const std::string& run_id, const std::string& started_at,
                     const std::string& finished_at, const std::vector<ValidationResult>& results,
                     const std::optional<RunSummary>& previous, std::vector<Regression> regressions,
                     std::vector<Regression> fixes) {
  RunSummary s;
  s.run_id = run_id;
  s.started_at = started_at;
  s.finished_at = finished_at;
  for (auto* r : verdicts(results)) {
    ++s.total;
    if (!r->flaky.empty()) ++s.flaky;
    switch (r->status) {
      case Status::PASSED: ++s.passed; break;
      case Status::PARTIAL: ++s.partial; break;
      case Status::FAILED: ++s.failed; break;
      case Status::TIMEOUT: ++s.timeout; break;
      case Status::ERROR: ++s.error; break;
    }
  }
  int judged = s.total - s.error;
  s.pass_rate = judged > 0 ? static_cast<double>(s.passed) / judged : 0.0;
  if (previous) {
    s.previous_run_id = previous->run_id;
    s.previous_pass_rate = previous->pass_rate;
  }
  s.regressions = std::move(regressions);
  s.fixes = std::move(fixes);
  return s;
}

std::map<std::string, Status> statuses_of(const std::vector<ValidationResult>& results) {
  std::map<std::string, Status> out;
  for (auto& r : results)
    if (!r.arch_hash.empty()) out[r.arch_hash] = r.status;
  return out;
}

std::map<std::string, Status> comparable_statuses_of(const std::vector<ValidationResult>& results) {
  std::map<std::string, Status> out;
  for (auto* r : verdicts(results))
    if (!r->arch_hash.empty() && r->flaky.empty()) out[r->arch_hash] = r->status;
  return out;
}

}  // namespace lsqm
