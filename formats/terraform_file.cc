#include "formats/terraform_file.h"

#include "formats/terraform_json.h"

namespace lsqm {

bool is_terraform_config(std::string_view path) {
  return path.ends_with(".tf") || path.ends_with(".tf.json");
}

hcl::File parse_terraform_file(std::string_view path, std::string_view text) {
  return path.ends_with(".tf.json") ? parse_terraform_json(text) : hcl::parse(text);
}

}  // namespace lsqm
