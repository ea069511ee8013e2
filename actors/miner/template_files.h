// The files of a template's unit and where the template sits among them, so an expander can
// read a document the template names by a local path (a state machine definition, an OpenAPI
// body, an AWS::Include, a serverless.yml ${file(…)}). Pure: the files are given, not read.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lsqm {

struct TemplateFiles {
  const std::map<std::string, std::string>* unit_files = nullptr;  // path in the unit → content
  std::string template_dir;                                         // "" or "a/b"
};

// `relative` (as the template writes it, "./x.yaml", "../y/z.json") resolved against
// template_dir to a path of the unit. Throws ExpansionRefused when it leaves the unit.
std::string unit_path(const std::string& template_dir, std::string_view relative);

// The YAML / JSON document at `relative`, read by formats/yaml_document. Throws
// ExpansionRefused naming the path when it leaves the unit, is absent or is not a document.
nlohmann::json read_local_document(const TemplateFiles& files, std::string_view relative);

}  // namespace lsqm
