// SAM's Globals section: properties shared by every resource of a kind, merged into each
// resource's own the way the SAM transform merges them.
#pragma once

#include <nlohmann/json.hpp>

namespace lsqm::sam {

// Maps merge key by key (recursively), lists are the global entries then the resource's,
// anything else — and an intrinsic function, which is a value, not a map — is the
// resource's own when it has one.
nlohmann::json merge_globals(const nlohmann::json& global, const nlohmann::json& own);

// Throws ExpansionRefused for a Globals section SAM has but the expansion does not cover.
void check_globals_sections(const nlohmann::json& globals);

}  // namespace lsqm::sam
