// What expanding a SAM or Serverless Framework template gives: plain CloudFormation (long-form
// JSON, only types actors/miner/cfn translates) or, when a part cannot be expanded faithfully,
// the reason it was not — never a half-expanded template.
#pragma once

#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
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

// Throws ExpansionRefused "<kind> property <name> not translated" for the first key of
// `properties` outside `known`, so no setting is dropped silently.
void refuse_unknown_properties(std::string_view kind, const nlohmann::json& properties,
                               const std::set<std::string>& known);

// Runs `expand` (which fills the expansion) and turns what it throws into the skip reason:
// ExpansionRefused as it says, anything else (a malformed document) after `malformed`.
// On a skip, cloudformation is null.
Expansion guarded_expansion(std::string_view malformed, const std::function<void(Expansion&)>& expand);

}  // namespace lsqm
