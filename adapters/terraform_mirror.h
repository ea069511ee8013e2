// Finding a local filesystem mirror of terraform providers (for `terraform init -plugin-dir`).
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace lsqm {

// The first directory under one of `roots` (searched breadth-first, at most `max_depth` levels
// below a root, the root itself included) that contains `registry.terraform.io/hashicorp/aws/`
// with at least one version in it. Missing or unreadable roots are skipped.
std::optional<std::filesystem::path> find_provider_mirror(
    const std::vector<std::filesystem::path>& roots, int max_depth = 4);

}  // namespace lsqm
