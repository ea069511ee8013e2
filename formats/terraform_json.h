// Terraform's JSON syntax (.tf.json) read into the same structure as HCL (formats/hcl.h), so
// every reader of Terraform sees both syntaxes alike. A key given twice in one object is an
// error: terraform merges duplicates, a reader that kept only one would miss the other.
#pragma once

#include <string_view>

#include "formats/hcl.h"

namespace lsqm {

// Never throws. Bounded by limits.max_file_bytes and limits.max_nesting (JSON depth). Block
// labels follow terraform's schema for the top-level blocks (resource/data: type and name;
// provider, module, variable, output: name; terraform's backend: type); elsewhere an object
// value is both an attribute and a block of that name, and `provisioner` holds labelled
// provisioner blocks. `"//"` keys are comments.
hcl::File parse_terraform_json(std::string_view text, const hcl::Limits& limits = {});

}  // namespace lsqm
