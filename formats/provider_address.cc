#include "formats/provider_address.h"

#include <vector>

namespace lsqm {
namespace {

bool valid_part(std::string_view part, bool hostname) {
  if (part.empty() || part.size() > 253) return false;
  for (char c : part) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              (hostname && (c == '.' || c == ':'));
    if (!ok) return false;
  }
  return true;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

const std::vector<std::string>& allowed_provider_addresses() {
  static const std::vector<std::string> allowed = {
      "registry.terraform.io/hashicorp/archive", "registry.terraform.io/hashicorp/aws",
      "registry.terraform.io/hashicorp/null",    "registry.terraform.io/hashicorp/random",
      "registry.terraform.io/hashicorp/time",    "registry.terraform.io/hashicorp/tls"};
  return allowed;
}

std::optional<std::string> provider_address(std::string_view source) {
  auto text = lowercase(source);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (parts.size() < 4) {
    auto slash = text.find('/', start);
    parts.push_back(text.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() == 1) parts.insert(parts.begin(), "hashicorp");
  if (parts.size() == 2) parts.insert(parts.begin(), kPublicRegistryHost);
  if (parts.size() != 3 || !valid_part(parts[0], true) || !valid_part(parts[1], false) ||
      !valid_part(parts[2], false))
    return std::nullopt;
  return parts[0] + "/" + parts[1] + "/" + parts[2];
}

}  // namespace lsqm
