// CloudFormation (long-form JSON, as formats/yaml_document reads it) → Terraform JSON. Pure:
// no I/O. One small translator per resource type (resource_types.h); a template using a type,
// property or intrinsic outside what is translated is refused with those names listed, never
// half-translated.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace lsqm {

struct TranslateOptions {
  std::string region = "us-east-1";  // fills region-like parameters without a default
  std::string stack_name = "lsqm-stack";  // AWS::StackName, and the prefix of names CloudFormation would generate
};

struct TemplateTranslation {
  std::map<std::string, std::string> files;  // "main.tf.json", "lambda/Fn.zip.b64", …
  std::string skip_reason;                   // empty when translated whole
};

// `tmpl`: the template in long form. `unit_files`: the unit's files (path relative to the
// unit dir → content, as read_unit_files gives them); `template_dir`: the template's dir
// among them ("" or "a/b") against which local code paths resolve. Never throws for bad
// template content: a malformed template is a skip_reason. Skip reasons start with one of
// "malformed template: ", "untranslated: ", "needs code from S3: ", "needs build: ",
// "needs input: ".
TemplateTranslation cloudformation_to_terraform(const nlohmann::json& tmpl,
                                                const std::map<std::string, std::string>& unit_files,
                                                const std::string& template_dir,
                                                const TranslateOptions& options = {});

}  // namespace lsqm
