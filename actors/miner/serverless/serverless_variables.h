// Serverless Framework variables (${self:…}, ${opt:stage, 'dev'}, ${sls:stage}, ${aws:region},
// ${env:X, default}, nested and with fallbacks) resolved in a serverless.yml read as JSON.
// Linear and bounded: each ${self:…} address is resolved once (memoized), a reference back to
// an address being resolved is a cycle, and the nodes produced are counted so references
// that double at each level are refused rather than expanded.
#pragma once

#include <nlohmann/json.hpp>

#include "actors/miner/serverless/serverless_options.h"

namespace lsqm {

// The document with every variable replaced; `${Name}` and `${AWS::Region}` (CloudFormation
// Fn::Sub variables) are left alone. ${aws:accountId} becomes a Ref / Fn::Sub of
// AWS::AccountId. Throws ExpansionRefused naming the variable that cannot be resolved
// (file(), ssm:, cf:, … or no value and no fallback) or the cycle.
nlohmann::json resolve_serverless_variables(const nlohmann::json& serverless, const ServerlessOptions& options);

// The stage and region a deployment would use (options, else provider.*, else defaults),
// after variables in provider.stage / provider.region are resolved.
std::string effective_stage(const nlohmann::json& resolved, const ServerlessOptions& options);
std::string effective_region(const nlohmann::json& resolved, const ServerlessOptions& options);

}  // namespace lsqm
