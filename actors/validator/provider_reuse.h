// Whether an architecture may use its slot's long-lived AWS provider (TF_REATTACH_PROVIDERS)
// instead of starting its own: about half the CPU of a validation (DESIGN.md, Terraform).
// A reattached provider ignores version constraints and takes its endpoint from its own
// environment, so it is used only where that changes nothing the architecture asked for.
#pragma once

#include <string>

#include "actors/validator/provider_override.h"
#include "formats/version.h"  // version_satisfies

namespace lsqm {

// Empty when the slot's provider (`served_version`) can serve `facts`; else why not. A
// pinned version (`pin`) replaces the architecture's own constraint.
std::string shared_provider_refusal(const TerraformFacts& facts, const std::string& served_version,
                                    const std::string& pin);

}  // namespace lsqm
