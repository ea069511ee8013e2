// A Serverless Framework service (serverless.yml, provider aws) expanded to the CloudFormation
// `serverless deploy` would create: one function per `functions` entry with its log group,
// the shared execution role IamRoleLambdaExecution, the resources of its events, and
// resources.Resources / Outputs / Conditions / Mappings merged in (a resource whose id the
// framework also generates is merged over it, as the framework does).
#pragma once

#include <nlohmann/json.hpp>

#include "actors/miner/serverless/serverless_options.h"
#include "actors/miner/template_expansion.h"

namespace lsqm {

// `serverless`: serverless.yml as JSON. Functions' code is the service directory: Code is the
// string "." (the `aws cloudformation package` convention; the handler's file must be there).
// Never throws: what the expansion cannot honour (a plugin, an event kind, a variable it cannot
// resolve, a cycle) is the skip_reason. `plugins` lists the plugins named either way.
Expansion serverless_to_cloudformation(const nlohmann::json& serverless, const ServerlessOptions& options = {});

}  // namespace lsqm
