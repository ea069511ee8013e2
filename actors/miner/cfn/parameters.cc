#include "actors/miner/cfn/parameters.h"

#include <cctype>

#include "actors/miner/cfn/intrinsics.h"
#include "formats/terraform_inputs.h"

namespace lsqm::cfn {
namespace {

bool is_list_type(const std::string& type) {
  return type == "CommaDelimitedList" || type.rfind("List<", 0) == 0 ||
         type.find("<List<") != std::string::npos || type.find("<CommaDelimitedList>") != std::string::npos;
}

std::string variable_type(const std::string& type) {
  if (type == "Number") return "number";
  if (type == "List<Number>") return "list(number)";
  if (is_list_type(type) && type.rfind("AWS::SSM::Parameter::Value<", 0) != 0) return "list(string)";
  return "string";
}

// A default as the variable's type wants it: lists from "a,b", strings from numbers.
json default_value(const json& d, const std::string& type) {
  if (variable_type(type).rfind("list(", 0) == 0 && d.is_string()) {
    json out = json::array();
    const std::string s = d.get<std::string>();
    if (s.empty()) return out;
    std::size_t start = 0;
    for (std::size_t comma; (comma = s.find(',', start)) != std::string::npos; start = comma + 1)
      out.push_back(s.substr(start, comma - start));
    out.push_back(s.substr(start));
    return out;
  }
  if (variable_type(type) == "string" && (d.is_number() || d.is_boolean())) return d.dump();
  if (variable_type(type) == "number" && d.is_string()) {  // "5" and 5 alike, as CloudFormation reads them
    json number = json::parse(d.get<std::string>(), nullptr, false);
    if (number.is_number()) return number;
  }
  return d;
}

// An SSM-typed parameter: its variable holds the parameter's name, a data source its value.
std::string ssm_reference(const std::string& variable, const std::string& type, Translation& t) {
  t.data["aws_ssm_parameter"][variable] = json{{"name", "${var." + variable + "}"}};
  const std::string value = "nonsensitive(data.aws_ssm_parameter." + variable + ".value)";
  return is_list_type(type) ? "split(\",\", " + value + ")" : value;
}

// Names of variables: snake_case, unless two parameters would then share one.
std::map<std::string, std::string> variable_names(const json& parameters) {
  std::map<std::string, std::string> names;
  std::set<std::string> used;
  bool clash = false;
  for (const auto& [name, p] : parameters.items()) {
    names[name] = snake_case(name);
    clash = clash || !used.insert(names[name]).second;
  }
  if (clash)
    for (auto& [name, variable] : names) variable = name;
  return names;
}

}  // namespace

std::string snake_case(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (!std::isalnum(c)) {
      if (!out.empty() && out.back() != '_') out += '_';
      continue;
    }
    if (std::isupper(c) && i > 0 && !out.empty() && out.back() != '_') {
      const auto prev = static_cast<unsigned char>(name[i - 1]);
      const bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
      if (std::islower(prev) || std::isdigit(prev) || (std::isupper(prev) && next_lower)) out += '_';
    }
    out += static_cast<char>(std::tolower(c));
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "p_" + out;
  return out;
}

json translate_parameters(Translation& t) {
  json variables = json::object();
  if (!t.tmpl.contains("Parameters")) return variables;
  const json& parameters = t.tmpl["Parameters"];
  const auto names = variable_names(parameters);
  for (const auto& [name, p] : parameters.items()) {
    const std::string variable = names.at(name);
    const std::string type = p.is_object() && p.contains("Type") && p["Type"].is_string() ? p["Type"].get<std::string>() : "";
    if (type.empty()) {
      t.refuse("Parameter " + name + " without a Type");
      continue;
    }
    json block = {{"type", variable_type(type)}};
    if (p.contains("Description") && p["Description"].is_string())
      block["description"] = template_escape(p["Description"].get<std::string>());
    if (p.contains("Default")) block["default"] = default_value(p["Default"], type);
    else if (p.contains("AllowedValues") && p["AllowedValues"].is_array() && !p["AllowedValues"].empty())
      block["default"] = default_value(p["AllowedValues"][0], type);
    else if (type.rfind("AWS::", 0) == 0 || type.rfind("List<AWS::", 0) == 0)
      t.needs_input.insert(name);
    if (block.contains("default") && block["default"].is_string())
      block["default"] = template_escape(block["default"].get<std::string>());
    variables[variable] = block;
    t.variables[name] = variable;
    t.parameter_refs[name] = type.rfind("AWS::SSM::Parameter::Value<", 0) == 0 ? ssm_reference(variable, type, t)
                                                                                : "var." + variable;
  }
  return variables;
}

std::string missing_inputs(const std::string& main_tf_json, const Translation& t) {
  std::set<std::string> missing = t.needs_input;
  const auto plan = plan_inputs({{"main.tf.json", main_tf_json}}, "", t.options.region, t.options.stack_name);
  for (const auto& variable : plan.missing)
    for (const auto& [parameter, v] : t.variables)
      if (v == variable) missing.insert(parameter);
  std::string out;
  for (const auto& m : missing) out += (out.empty() ? "" : ", ") + m;
  return out;
}

}  // namespace lsqm::cfn
