#include "actors/validator/terraform_cli_config.h"

#include <nlohmann/json.hpp>

namespace lsqm {

const std::vector<std::string>& allowed_provider_sources() {
  static const std::vector<std::string> sources = {
      "registry.terraform.io/hashicorp/aws",     "registry.terraform.io/hashicorp/random",
      "registry.terraform.io/hashicorp/archive", "registry.terraform.io/hashicorp/null",
      "registry.terraform.io/hashicorp/time",    "registry.terraform.io/hashicorp/tls"};
  return sources;
}

std::string terraform_cli_config(const std::filesystem::path& plugin_dir) {
  // HCL strings take JSON's escaping: a path with quotes or backslashes stays one string.
  const std::string include = nlohmann::json(allowed_provider_sources()).dump();
  std::string method = plugin_dir.empty()
                           ? "  direct {\n"
                           : "  filesystem_mirror {\n    path    = " +
                                 nlohmann::json(plugin_dir.string()).dump() + "\n";
  return "provider_installation {\n" + method + "    include = " + include + "\n  }\n}\n";
}

}  // namespace lsqm
