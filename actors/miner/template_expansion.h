// What expanding a SAM or Serverless Framework template gives: plain CloudFormation (long-form
// JSON, only types actors/miner/cfn translates) or, when a part cannot be expanded faithfully,
// the reason it was not — never a half-expanded template.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lsqm {

struct Expansion {
  nlohmann::json cloudformation;     // null when skip_reason is set
  std::string skip_reason;           // empty when expanded whole
  std::vector<std::string> plugins;  // Serverless plugins the template names (recorded)
};

// Thrown inside an expander when the template cannot be expanded; the entry points turn it
// into Expansion::skip_reason and never let it escape.
struct ExpansionRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace lsqm
