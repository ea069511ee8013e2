#include "formats/terraform_cli_config.h"

#include <nlohmann/json.hpp>

#include "formats/provider_address.h"

namespace lsqm {

std::string terraform_cli_config(const std::filesystem::path& plugin_dir) {
  // HCL strings take JSON's escaping: a path with quotes or backslashes stays one string.
  const std::string include = nlohmann::json(allowed_provider_addresses()).dump();
  std::string method = plugin_dir.empty()
                           ? "  direct {\n"
                           : "  filesystem_mirror {\n    path    = " +
                                 nlohmann::json(plugin_dir.string()).dump() + "\n";
  return "provider_installation {\n" + method + "    include = " + include + "\n  }\n}\n";
}

}  // namespace lsqm
