#include "formats/lock_file.h"

#include "formats/hcl.h"

namespace lsqm {

std::map<std::string, std::string> locked_provider_versions(std::string_view text) {
  auto file = hcl::parse(text);
  std::map<std::string, std::string> versions;
  if (!file.error.empty()) return versions;
  for (const auto& block : file.body.blocks) {
    if (block.type != "provider" || block.labels.size() != 1) continue;
    const auto* version = block.body.attribute("version");
    if (version && version->literal) versions[block.labels[0]] = *version->literal;
  }
  return versions;
}

}  // namespace lsqm
