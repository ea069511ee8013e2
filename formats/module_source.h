// Module source addresses, sorted into what lsqm lets terraform load.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lsqm {

enum class ModuleSourceKind {
  local_path,  // "./x" or "../x": a directory the unit must hold (resolve it to check)
  registry,    // a public Terraform Registry address: "namespace/name/provider"
  refused,     // anything else: absolute, git::, github.com/…, s3::, http(s)://, //subdir, …
};

struct ModuleSourceClass {
  ModuleSourceKind kind = ModuleSourceKind::refused;
  std::string reason;  // refused: why
};

ModuleSourceClass classify_module_source(std::string_view source);

// `source` ("./x", "../y") taken from the unit directory `dir` ("" for the root, else
// "a/b/"), as a unit directory ("a/x/"); nothing when it climbs out of the unit.
std::optional<std::string> resolve_module_dir(std::string_view dir, std::string_view source);

}  // namespace lsqm
