// The terraform CLI configuration written for each validation: terraform itself installs only
// the allowlisted providers, by full source address, from the local mirror; a provider outside
// the list (hashicorp/local, evilcorp/aws, …) fails init, whatever files the mirror holds.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lsqm {

// The CLI config text (for TF_CLI_CONFIG_FILE). With a mirror: a `filesystem_mirror` of it
// restricted to the allowlist, and no other installation method. Without one: `direct`
// installation restricted to the allowlist (terraform's registry, nothing else).
std::string terraform_cli_config(const std::filesystem::path& plugin_dir);

}  // namespace lsqm
