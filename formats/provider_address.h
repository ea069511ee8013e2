// Provider source addresses, as terraform reads them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lsqm {

inline constexpr const char* kPublicRegistryHost = "registry.terraform.io";

// The full address of a provider source: "aws" (a local name with no source, terraform's
// implied hashicorp/aws), "hashicorp/aws" and "registry.terraform.io/hashicorp/aws" all give
// "registry.terraform.io/hashicorp/aws"; "evilcorp/aws" gives "registry.terraform.io/evilcorp/aws".
// Lowercased (terraform compares them so). Nothing when it is not an address.
std::optional<std::string> provider_address(std::string_view source);

// The providers a mined architecture may use, by full address, sorted: the miner refuses any
// other, and terraform's per-validation CLI config installs no other. `local` is not among
// them: it writes any file.
const std::vector<std::string>& allowed_provider_addresses();

}  // namespace lsqm
