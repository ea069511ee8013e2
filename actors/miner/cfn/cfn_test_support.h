// Test helper: a fixture template (YAML or JSON text) translated, its main.tf.json parsed.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "actors/miner/cfn/cloudformation_to_terraform.h"
#include "formats/yaml_document.h"

namespace lsqm::cfn::testing {

struct Translated {
  nlohmann::json tf;  // main.tf.json, parsed (null when skipped)
  std::string skip_reason;
  std::map<std::string, std::string> files;
  const nlohmann::json& resource(const std::string& type, const std::string& name) const {
    return tf.at("resource").at(type).at(name);
  }
};

inline Translated translate(const std::string& text, const std::map<std::string, std::string>& unit_files = {},
                            const std::string& template_dir = "") {
  const auto result = cloudformation_to_terraform(read_yaml_document(text), unit_files, template_dir);
  Translated out{nullptr, result.skip_reason, result.files};
  if (result.files.count("main.tf.json")) out.tf = nlohmann::json::parse(result.files.at("main.tf.json"));
  return out;
}

}  // namespace lsqm::cfn::testing
