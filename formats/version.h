// Versions and Terraform version constraints: the one reader for provider versions in
// required_providers, the lock file and the configuration's pin.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lsqm {

// "5.10.1" → {5, 10, 1}; one to three dotted numbers, an optional leading "v", surrounding
// blanks allowed. Nothing for anything else (pre-release tags included).
std::optional<std::vector<long>> parse_version(std::string_view text);

// Exactly MAJOR.MINOR.PATCH, digits only (what a lock file and a pin hold).
bool is_exact_version(std::string_view text);

// Terraform version constraint syntax: "", "5.100.0", "= 5.1", "!= 5.2", ">= 4.0, < 6.0",
// "~> 5.0" (>= 5.0, < 6.0), "~> 5.10.1" (>= 5.10.1, < 5.11.0). A part that cannot be read
// is not satisfied.
bool version_satisfies(const std::string& version, const std::string& constraint);

// The provider policy pin:auto: the newest exact version of `available` that satisfies
// `constraint`, else the newest there is; empty when none is an exact version.
std::string newest_version_for(const std::vector<std::string>& available,
                               const std::string& constraint);

}  // namespace lsqm
