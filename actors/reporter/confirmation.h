// Whether a confirmation run agrees with the run that suspected a regression.
#pragma once

#include "messages/status.h"
#include "messages/validation_result.h"

namespace lsqm {

// True when `a` and `b` failed the same way: the same status and a failed AWS operation
// (service, operation, HTTP status, error code) or failed test in common; when neither names
// any, the same error type at the same stage (a TIMEOUT of apply twice).
bool same_failure(const ValidationResult& a, const ValidationResult& b);

// The verdict to record once `second` re-ran an architecture whose `first` result was in
// doubt (it would regress, or it failed on transient answers only): `second`, marked flaky
// (with what each run said) unless it failed the same way. A second run that passes is flaky
// too: the first run's failure did not reproduce.
ValidationResult settle_confirmation(const ValidationResult& first, ValidationResult second);

// One line on what a result said: "FAILED at apply: sqs:CreateQueue HTTP 503".
std::string failure_line(const ValidationResult& r);

}  // namespace lsqm
