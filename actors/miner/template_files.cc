#include "actors/miner/template_files.h"

#include <vector>

#include "actors/miner/template_expansion.h"
#include "formats/yaml_document.h"

namespace lsqm {

std::string unit_path(const std::string& template_dir, std::string_view relative) {
  std::vector<std::string> parts;
  std::string joined = template_dir.empty() ? std::string(relative) : template_dir + "/" + std::string(relative);
  if (!relative.empty() && relative.front() == '/') throw ExpansionRefused("local file " + std::string(relative) + " is an absolute path");
  std::string part;
  auto flush = [&] {
    if (part == "..") {
      if (parts.empty()) throw ExpansionRefused("local file " + std::string(relative) + " is outside the unit");
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    part.clear();
  };
  for (char c : joined) {
    if (c == '/') flush();
    else part += c;
  }
  flush();
  std::string path;
  for (const auto& p : parts) path += (path.empty() ? "" : "/") + p;
  return path;
}

nlohmann::json read_local_document(const TemplateFiles& files, std::string_view relative) {
  std::string path = unit_path(files.template_dir, relative);
  if (!files.unit_files || !files.unit_files->count(path))
    throw ExpansionRefused("local file " + std::string(relative) + " is not among the unit's files");
  try {
    return read_yaml_document(files.unit_files->at(path));
  } catch (const FormatError& e) {
    throw ExpansionRefused("local file " + std::string(relative) + ": " + e.what());
  }
}

}  // namespace lsqm
