// A Terraform configuration file: which names terraform loads as configuration, and the
// reader each is read with (HCL for *.tf, JSON for *.tf.json).
#pragma once

#include <string_view>

#include "formats/hcl.h"

namespace lsqm {

// *.tf or *.tf.json: a file terraform loads as configuration.
bool is_terraform_config(std::string_view path);

// The file read with the reader its name calls for. Never throws.
hcl::File parse_terraform_file(std::string_view path, std::string_view text);

}  // namespace lsqm
