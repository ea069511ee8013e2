// The verdict of one validation, and the emulator slot it ran in.
#pragma once

#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

#include "messages/status.h"

namespace lsqm {

struct ErrorInfo {
  std::string type;  // e.g. emulator_not_ready, apply_failed, timeout, provider_unavailable
  std::string message;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ErrorInfo, type, message)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ErrorInfo& x) {
  return f(caf::meta::type_name("ErrorInfo"), x.type, x.message);
}

struct ValidationResult {
  std::string arch_hash;
  std::string arch_name;
  Status status = Status::ERROR;
  std::string stage = "start";  // start | init | apply | test | destroy (the last one reached)
  double duration_s = 0;
  int tests_total = 0;
  int tests_passed = 0;
  int tests_failed = 0;
  std::string terraform_output;
  std::string pytest_output;
  std::string container_logs;
  ErrorInfo error;
  std::vector<std::string> failed_operations;  // e.g. s3:PutBucketNotificationConfiguration
  std::vector<std::string> failed_tests;       // "classname::name" of each failed test
  // Every failed AWS call named was a transient answer (503, throttling, a reset connection)
  // even after the retries: a second run is asked before it counts.
  bool only_transient = false;
  int attempts = 1;
  std::string provider_version;
  // Non-empty when a confirmation run did not fail the way the first run did: what each run
  // said. A flaky verdict is shown apart and never counts as a regression or a fix.
  std::string flaky;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ValidationResult, arch_hash, arch_name, status,
                                                stage, duration_s, tests_total, tests_passed,
                                                tests_failed, terraform_output, pytest_output,
                                                container_logs, error, failed_operations,
                                                failed_tests, only_transient, attempts,
                                                provider_version, flaky)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ValidationResult& x) {
  return f(caf::meta::type_name("ValidationResult"), x.arch_hash, x.arch_name, x.status, x.stage,
           x.duration_s, x.tests_total, x.tests_passed, x.tests_failed, x.terraform_output,
           x.pytest_output, x.container_logs, x.error, x.failed_operations, x.failed_tests,
           x.only_transient, x.attempts, x.provider_version, x.flaky);
}

// An emulator slot handed out by container-pool. `ok == false` means its emulator did not
// become ready; `error` then says why and `logs` holds what it printed.
struct Slot {
  int id = -1;
  int port = 0;
  std::string endpoint;  // http://127.0.0.1:{port}
  std::string emulator;  // e.g. moto_server
  bool ok = false;
  std::string error;
  std::string logs;
  std::string provider_reattach;  // TF_REATTACH_PROVIDERS of the slot's provider; empty: none
  std::string provider_version;   // the version that provider is
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Slot& x) {
  return f(caf::meta::type_name("Slot"), x.id, x.port, x.endpoint, x.emulator, x.ok, x.error,
           x.logs, x.provider_reattach, x.provider_version);
}

struct PoolStats {
  int slots = 0;
  int alive = 0;       // emulators running now
  int peak_alive = 0;  // most emulators ever running at once
  int started = 0;
  int failed = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, PoolStats& x) {
  return f(caf::meta::type_name("PoolStats"), x.slots, x.alive, x.peak_alive, x.started,
           x.failed);
}

}  // namespace lsqm
