// A run: its identity, its summary, and the regressions found against the previous run.
#pragma once

#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

#include "messages/status.h"

namespace lsqm {

// PASSED→(FAILED|PARTIAL|TIMEOUT) or PARTIAL→(FAILED|TIMEOUT). A fix is the reverse.
struct Regression {
  std::string arch_hash;
  std::string arch_name;
  std::string previous_run;
  std::string current_run;
  Status previous_status = Status::PASSED;
  Status current_status = Status::FAILED;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Regression, arch_hash, arch_name, previous_run,
                                                current_run, previous_status, current_status)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Regression& x) {
  return f(caf::meta::type_name("Regression"), x.arch_hash, x.arch_name, x.previous_run,
           x.current_run, x.previous_status, x.current_status);
}

// What the coordinator tells the reporter when the run closes.
struct RunInfo {
  std::string run_id;
  std::string started_at;
  std::string emulator;
  std::string emulator_version;
  std::string config_json;  // config snapshot, secrets removed
  int new_architectures = 0;
  int skipped_architectures = 0;
  int generation_skipped = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, RunInfo& x) {
  return f(caf::meta::type_name("RunInfo"), x.run_id, x.started_at, x.emulator,
           x.emulator_version, x.config_json, x.new_architectures, x.skipped_architectures,
           x.generation_skipped);
}

struct RunSummary {
  std::string run_id;
  std::string started_at;
  std::string finished_at;
  int total = 0;
  int passed = 0;
  int partial = 0;
  int failed = 0;
  int timeout = 0;
  int error = 0;
  int flaky = 0;  // verdicts whose confirmation run failed otherwise (never regressions)
  double pass_rate = 0;  // passed / (total - error), 0..1
  std::string previous_run_id;
  double previous_pass_rate = -1;  // -1: no previous run
  int new_architectures = 0;
  int skipped_architectures = 0;
  int generation_skipped = 0;
  std::vector<Regression> regressions;
  std::vector<Regression> fixes;
  std::string report_path;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RunSummary, run_id, started_at, finished_at, total,
                                                passed, partial, failed, timeout, error, flaky,
                                                pass_rate,
                                                previous_run_id, previous_pass_rate,
                                                new_architectures, skipped_architectures,
                                                generation_skipped, regressions, fixes,
                                                report_path)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, RunSummary& x) {
  return f(caf::meta::type_name("RunSummary"), x.run_id, x.started_at, x.finished_at, x.total,
           x.passed, x.partial, x.failed, x.timeout, x.error, x.flaky, x.pass_rate,
           x.previous_run_id,
           x.previous_pass_rate, x.new_architectures, x.skipped_architectures,
           x.generation_skipped, x.regressions, x.fixes, x.report_path);
}

// The notifier's delivery report.
struct DeliveryReport {
  std::string text;  // the summary as posted / printed
  bool slack_sent = false;
  int issues_filed = 0;
  std::vector<std::string> errors;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, DeliveryReport& x) {
  return f(caf::meta::type_name("DeliveryReport"), x.text, x.slack_sent, x.issues_filed,
           x.errors);
}

}  // namespace lsqm
