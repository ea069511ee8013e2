// Turning what the steps of a validation did into a verdict (Status, stage, error) and the
// AWS operations the emulator failed on. Pure: text in, values out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "messages/validation_result.h"

namespace lsqm {

struct JunitCounts {
  int total = 0;
  int passed = 0;
  int failed = 0;
  int errors = 0;
  int skipped = 0;
  int timeouts = 0;  // failures or errors from pytest-timeout ("Timeout >Ns")
  std::vector<std::string> failed_tests;  // "classname::name" of each failure or error
};

// pytest's JUnit XML (<testsuites><testsuite>… or a bare <testsuite>); nullopt when the text
// is not JUnit XML.
std::optional<JunitCounts> parse_junit(const std::string& xml);

struct StepOutcome {
  bool ran = false;
  int exit_code = -1;
  bool timed_out = false;
  bool start_failed = false;
  std::string output;
};

struct StepOutcomes {
  StepOutcome init, apply, test, destroy;
  std::optional<JunitCounts> junit;  // from the test step's JUnit file
  std::string junit_problem;         // why that file was not read (e.g. too large); empty: none
  std::string emulator_gone_after;   // the step after which the emulator no longer answered
};

struct Verdict {
  Status status = Status::ERROR;
  std::string stage = "start";  // where it was decided; "destroy" when every step ran
  ErrorInfo error;              // empty type for PASSED
};

// PASSED: applied, tests ran, all passed. PARTIAL: some failed (or destroy failed after all
// passed). FAILED: init/apply failed on the architecture, or every test failed. TIMEOUT: a step
// or a test hit its limit. ERROR: our side (tool missing, provider or module unavailable,
// emulator unreachable or gone after any step, disk full, exit 55, no tests collected).
Verdict classify(const StepOutcomes& steps);

// terraform init said a provider could not be found in any search location.
bool provider_unavailable(const std::string& init_output);

// One AWS API call the emulator answered with an error (or never answered).
struct FailedOperation {
  std::string service;    // signing name, e.g. s3, states; empty when unknown
  std::string operation;  // e.g. PutObject
  int http_status = 0;    // 0: not shown
  std::string error_code; // e.g. NoSuchBucket, ThrottlingException; empty: not shown
  bool connection_reset = false;

  // A 503, a 429, a throttling code or a reset connection: worth asking again.
  bool transient() const;
  // `service:Operation`, then ` HTTP <status>` and ` <code>` when known.
  std::string to_string() const;
  auto operator<=>(const FailedOperation&) const = default;
};

// AWS API calls named in error text (terraform's SDK v2 errors, botocore's ClientError); sorted,
// unique.
std::vector<FailedOperation> failed_calls(const std::string& text);

// failed_calls as strings (FailedOperation::to_string).
std::vector<std::string> failed_operations(const std::string& text);

// A failed terraform step whose every named failed call was transient: re-running it can say
// more. False when no call is named.
bool only_transient_failures(const std::string& terraform_output);

}  // namespace lsqm
