// .terraform.lock.hcl: the provider versions `terraform init` locked.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace lsqm {

// Full provider address ("registry.terraform.io/hashicorp/aws") → locked version, read with
// the HCL reader. Empty when the text is not a readable lock file.
std::map<std::string, std::string> locked_provider_versions(std::string_view lock_file_text);

}  // namespace lsqm
