#include "formats/module_source.h"

#include <vector>

#include "formats/provider_address.h"

namespace lsqm {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool registry_part(std::string_view part) {
  if (part.empty() || part.size() > 64) return false;
  for (char c : part)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    auto at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

ModuleSourceClass refused(std::string why) { return {ModuleSourceKind::refused, std::move(why)}; }

}  // namespace

ModuleSourceClass classify_module_source(std::string_view source) {
  if (source.empty()) return refused("an empty module source");
  for (std::string_view trick : {"::", "//", "?", "\\", "%"})
    if (source.find(trick) != std::string_view::npos)
      return refused("module source \"" + std::string(source) + "\" holds \"" + std::string(trick) +
                     "\" (a subdirectory, getter, query or escape terraform would follow)");
  if (starts_with(source, "./") || starts_with(source, "../")) return {ModuleSourceKind::local_path, ""};
  auto parts = split(source, '/');
  if (parts.size() == 4 && parts[0] == kPublicRegistryHost) parts.erase(parts.begin());
  if (parts.size() == 3 && registry_part(parts[0]) && registry_part(parts[1]) && registry_part(parts[2]))
    return {ModuleSourceKind::registry, ""};
  return refused("module source \"" + std::string(source) +
                 "\" is neither a relative path inside the unit nor a public registry address");
}

std::optional<std::string> resolve_module_dir(std::string_view dir, std::string_view source) {
  std::vector<std::string_view> parts;
  for (auto text : {dir, source})
    for (auto part : split(text, '/')) {
      if (part.empty() || part == ".") continue;
      if (part != "..") {
        parts.push_back(part);
      } else if (parts.empty()) {
        return std::nullopt;
      } else {
        parts.pop_back();
      }
    }
  std::string out;
  for (auto p : parts) out.append(p).append("/");
  return out;
}

}  // namespace lsqm
