// Why terraform stopped, read from what it printed: did it make any AWS call, and if it stopped
// before any, which of our causes (missing input, module, provider version, configuration) it
// was. Pure: text in, values out.
#pragma once

#include <string>

namespace lsqm {

// terraform's output shows an AWS request: a resource being created/read/changed/destroyed, or
// an SDK error naming an operation (`operation error S3: PutObject`, `api error Code:`).
bool made_aws_calls(const std::string& terraform_output);

// The ERROR cause of a terraform run that stopped before any AWS call, from its first `Error:`
// diagnostics: needs_input, module_unavailable, provider_unavailable, provider_version_mismatch,
// or invalid_configuration for anything else.
std::string stop_cause(const std::string& terraform_output);

}  // namespace lsqm
