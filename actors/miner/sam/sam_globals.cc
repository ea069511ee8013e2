#include "actors/miner/sam/sam_globals.h"

#include <set>
#include <string>

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/template_expansion.h"

namespace lsqm::sam {
namespace {

using nlohmann::json;

bool is_map(const json& value) { return value.is_object() && !cfn::is_intrinsic(value); }

}  // namespace

json merge_globals(const json& global, const json& own) {
  if (own.is_null()) return global;
  if (is_map(global) && is_map(own)) {
    json merged = global;
    for (const auto& [key, value] : own.items())
      merged[key] = merged.contains(key) ? merge_globals(merged[key], value) : value;
    return merged;
  }
  if (global.is_array() && own.is_array()) {
    json merged = global;
    for (const auto& value : own) merged.push_back(value);
    return merged;
  }
  return own;
}

void check_globals_sections(const json& globals) {
  static const std::set<std::string> known = {"Function", "Api", "HttpApi", "SimpleTable", "StateMachine", "LayerVersion"};
  if (!globals.is_object()) throw ExpansionRefused("SAM Globals is not a map");
  for (const auto& [section, value] : globals.items()) {
    if (!known.count(section)) throw ExpansionRefused("SAM Globals section " + section + " not translated");
    if (!value.is_object()) throw ExpansionRefused("SAM Globals." + section + " is not a map");
  }
}

}  // namespace lsqm::sam
