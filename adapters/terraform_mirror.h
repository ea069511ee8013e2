// Finding a local filesystem mirror of terraform providers (for `terraform init -plugin-dir`).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lsqm {

// The first directory under one of `roots` (searched breadth-first, at most `max_depth` levels
// below a root, the root itself included) that contains `registry.terraform.io/hashicorp/aws/`
// with at least one version in it. Missing or unreadable roots are skipped.
std::optional<std::filesystem::path> find_provider_mirror(
    const std::vector<std::filesystem::path>& roots, int max_depth = 4);

// The hashicorp/aws version directories in `mirror`, unsorted; none when it has none.
std::vector<std::string> mirror_aws_versions(const std::filesystem::path& mirror);

struct ProviderBinary {
  std::filesystem::path path;  // …/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_v…
  std::string version;
};

// The hashicorp/aws provider executable in `mirror` (an unpacked layout): `version` when given,
// else the newest version present. Nothing when there is none.
std::optional<ProviderBinary> find_aws_provider_binary(const std::filesystem::path& mirror,
                                                       const std::string& version = {});

}  // namespace lsqm
