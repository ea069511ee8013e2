#include "formats/terraform_inputs.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "formats/hcl.h"
#include "formats/terraform_file.h"

namespace lsqm {
namespace {

struct Declared {
  bool name_like_ok = true;  // a string (or untyped) variable without a validation rule
};

// A string literal terraform reads back as `value` (no interpolation, no directive).
std::string quoted(const std::string& value) {
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    bool template_start = (c == '$' || c == '%') && i + 1 < value.size() && value[i + 1] == '{';
    if (c == '"' || c == '\\') out += '\\';
    if (template_start) out += c;  // "$${" is a literal "${"
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "\"";
}

// Only a plain identifier is written into lsqm.auto.tfvars.
bool is_identifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

bool is_region_like(const std::string& name) {
  return name == "region" || name.ends_with("_region");
}

bool is_name_like(const std::string& name) {
  for (const char* n : {"name", "prefix", "project", "environment", "stage"})
    if (name == n) return true;
  return name.ends_with("_name");
}

// The variables without a default declared in the root module's files.
std::map<std::string, Declared> required_variables(const std::map<std::string, std::string>& files,
                                                   const std::string& prefix) {
  std::map<std::string, Declared> out;
  for (const auto& [path, content] : files) {
    if (path.compare(0, prefix.size(), prefix) != 0 || path.find('/', prefix.size()) != std::string::npos)
      continue;
    if (!is_terraform_config(path)) continue;
    auto file = parse_terraform_file(path, content);
    for (const auto& block : file.body.blocks) {
      if (block.type != "variable" || block.labels.empty() || block.body.attribute("default")) continue;
      const auto* type = block.body.attribute("type");
      bool validated = false;
      for (const auto& inner : block.body.blocks) validated = validated || inner.type == "validation";
      // `type = string` in HCL; `"type": "string"` in Terraform JSON.
      const bool string_typed = !type || type->expression == "string" || type->literal == std::optional<std::string>("string");
      out[block.labels[0]].name_like_ok = !validated && string_typed;
    }
  }
  return out;
}

// Attribute name → value text of the root module's tfvars files whose names match `wanted`.
template <class Pred>
std::map<std::string, std::string> tfvars_values(const std::map<std::string, std::string>& files,
                                                 const std::string& prefix, Pred wanted) {
  std::map<std::string, std::string> out;
  for (const auto& [path, content] : files) {
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    auto name = path.substr(prefix.size());
    if (name.find('/') != std::string::npos || !wanted(name)) continue;
    if (name.ends_with(".json")) {
      auto object = nlohmann::json::parse(content, nullptr, false);
      if (object.is_object())
        for (const auto& [key, value] : object.items()) out.emplace(key, value.dump());
      continue;
    }
    auto file = hcl::parse(content);
    if (!file.error.empty()) continue;
    for (const auto& attr : file.body.attributes) out.emplace(attr.name, attr.expression);
  }
  return out;
}

}  // namespace

std::string input_name_value(const std::string& arch_hash) { return "lsqm-" + arch_hash.substr(0, 8); }

InputPlan plan_inputs(const std::map<std::string, std::string>& files, const std::string& root_dir,
                      const std::string& region, const std::string& name_value) {
  const std::string prefix = root_dir.empty() ? "" : root_dir + "/";
  auto provided = tfvars_values(files, prefix, [](const std::string& n) {
    return n == "terraform.tfvars" || n.ends_with(".auto.tfvars") || n == "terraform.tfvars.json" ||
           n.ends_with(".auto.tfvars.json");
  });
  auto examples = tfvars_values(files, prefix, [](const std::string& n) { return n.ends_with(".tfvars.example"); });
  InputPlan plan;
  for (const auto& [name, declared] : required_variables(files, prefix)) {
    if (provided.count(name)) plan.provided.push_back(name);
    else if (!is_identifier(name)) plan.missing.push_back(name);
    else if (auto e = examples.find(name); e != examples.end()) plan.values[name] = e->second;
    else if (is_region_like(name)) plan.values[name] = quoted(region);
    else if (is_name_like(name) && declared.name_like_ok) plan.values[name] = quoted(name_value);
    else plan.missing.push_back(name);
  }
  return plan;
}

std::string input_tfvars(const InputPlan& plan) {
  std::string out;
  for (const auto& [name, value] : plan.values) out += name + " = " + value + "\n";
  return out;
}

}  // namespace lsqm
