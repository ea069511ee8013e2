#include "actors/miner/cfn/cloudformation_to_terraform.h"

#include <cctype>

#include "actors/miner/cfn/intrinsics.h"
#include "actors/miner/cfn/parameters.h"
#include "actors/miner/cfn/resource_builder.h"
#include "actors/miner/cfn/resource_types.h"
#include "actors/miner/cfn/translation.h"

namespace lsqm {
namespace {

using cfn::json;
using cfn::Translation;

constexpr std::size_t kMaxListed = 8;  // names listed in a refusal

std::string listed(const std::set<std::string>& names) {
  std::string out;
  std::size_t n = 0;
  for (const auto& name : names) {
    if (n == kMaxListed) return out + ", … (" + std::to_string(names.size()) + " in all)";
    out += (n++ ? ", " : "") + name;
  }
  return out;
}

// The template's sections must have the shapes CloudFormation requires.
std::string malformation(const json& tmpl) {
  if (!tmpl.is_object()) return "not a mapping";
  if (!tmpl.contains("Resources") || !tmpl["Resources"].is_object() || tmpl["Resources"].empty())
    return "no Resources";
  for (const char* section : {"Parameters", "Conditions", "Mappings", "Outputs"})
    if (tmpl.contains(section) && !tmpl[section].is_object()) return std::string(section) + " is not a mapping";
  for (const auto& [logical, r] : tmpl["Resources"].items()) {
    if (logical.rfind("Fn::", 0) == 0) continue;  // a language extension (Fn::ForEach): refused by name
    if (!r.is_object() || !r.contains("Type") || !r["Type"].is_string()) return "resource " + logical + " has no Type";
    if (r.contains("Properties") && !r["Properties"].is_object())
      return "resource " + logical + " has Properties that are not a mapping";
    if (logical.empty() || !std::isalpha(static_cast<unsigned char>(logical[0]))) return "resource name " + logical;
    for (char c : logical)
      if (!std::isalnum(static_cast<unsigned char>(c))) return "resource name " + logical;
  }
  return {};
}

void register_resources(Translation& t) {
  const auto& table = cfn::resource_table();
  for (const auto& [logical, r] : t.tmpl["Resources"].items()) {
    if (logical.rfind("Fn::", 0) == 0) {
      t.refuse(logical.substr(0, logical.find("::", 4)));
      continue;
    }
    const std::string type = r["Type"].get<std::string>();
    const auto it = table.find(type);
    if (it == table.end()) {
      t.refuse(type);
      t.unknown_type.insert(logical);
      continue;
    }
    t.resources[logical] = &it->second;
    if (r.contains("Condition")) t.conditional.insert(logical);
  }
}

// Resources standing for another one (stands_in_for): the address their Ref names.
void register_stand_ins(Translation& t) {
  for (const auto& [logical, type] : t.resources) {
    if (type->stands_in_for.empty()) continue;
    const json& r = t.tmpl["Resources"][logical];
    const json target = r.contains("Properties") ? r["Properties"].value(type->stands_in_for, json()) : json();
    if (!cfn::is_intrinsic(target) || target.begin().key() != "Ref") continue;
    const auto named = t.resources.find(target.begin()->get<std::string>());
    if (named != t.resources.end() && !named->second->tf_type.empty())
      t.stand_ins[logical] = named->second->tf_type + "." + named->first;
  }
}

void translate_conditions(Translation& t, json& locals) {
  if (!t.tmpl.contains("Conditions")) return;
  for (const auto& [name, condition] : t.tmpl["Conditions"].items())
    locals["condition_" + name] = "${" + cfn::hcl_expression(condition, t) + "}";
}

void translate_mappings(Translation& t, json& locals) {
  if (!t.tmpl.contains("Mappings")) return;
  if (cfn::holds_intrinsic(t.tmpl["Mappings"])) return t.refuse("Mappings with intrinsics");
  locals["mappings"] = cfn::terraform_value(t.tmpl["Mappings"], t);
}

json depends_on(const json& depends, Translation& t) {
  json out = json::array();
  const json list = depends.is_string() ? json::array({depends}) : depends;
  if (!list.is_array()) return out;
  for (const json& d : list) {
    if (!d.is_string()) continue;
    const auto it = t.resources.find(d.get<std::string>());
    if (it != t.resources.end() && !it->second->tf_type.empty())
      out.push_back(it->second->tf_type + "." + d.get<std::string>());
  }
  return out;
}

void translate_resource(Translation& t, const std::string& logical, const json& r) {
  const auto it = t.resources.find(logical);
  static const json no_properties = json::object();
  const json& properties = r.contains("Properties") ? r["Properties"] : no_properties;
  cfn::ResourceBuilder b(t, logical, r["Type"].get<std::string>(), *it->second, properties);
  if (it->second->tf_type.empty()) {  // no block of its own: a no-op or a stand-in
    it->second->translate(b);
    if (!it->second->stands_in_for.empty()) b.finish();
    return;
  }
  if (r.contains("Condition")) {
    if (!r["Condition"].is_string()) return t.refuse("Condition of " + logical + " (not a name)");
    b.body()["count"] = "${" + cfn::condition_expression(r["Condition"].get<std::string>()) + " ? 1 : 0}";
  }
  if (r.contains("DependsOn")) {
    json d = depends_on(r["DependsOn"], t);
    if (!d.empty()) b.body()["depends_on"] = d;
  }
  b.body();  // a resource with nothing to set still exists
  // cfn-init configures an instance from this metadata: without it the instance is another one.
  if (r.contains("Metadata") && r["Metadata"].is_object() && r["Metadata"].contains("AWS::CloudFormation::Init"))
    t.refuse("AWS::CloudFormation::Init");
  it->second->translate(b);
  b.finish();
}

json translate_outputs(Translation& t) {
  json outputs = json::object();
  if (!t.tmpl.contains("Outputs")) return outputs;
  for (const auto& [name, o] : t.tmpl["Outputs"].items()) {
    if (!o.is_object() || !o.contains("Value")) {
      t.refuse("Output " + name + " without a Value");
      continue;
    }
    std::string value = cfn::hcl_expression(o["Value"], t);
    if (o.contains("Condition") && o["Condition"].is_string())
      value = "(" + cfn::condition_expression(o["Condition"].get<std::string>()) + " ? " + value + " : null)";
    json out = {{"value", "${" + value + "}"}};
    if (o.contains("Description") && o["Description"].is_string())
      out["description"] = cfn::template_escape(o["Description"].get<std::string>());
    outputs[name] = out;
  }
  return outputs;
}

// DependsOn names a CloudFormation resource; in Terraform that is its block and every extra
// block it became ("<Logical>_…": logical ids hold no '_').
void expand_depends_on(Translation& t) {
  for (auto& [type, blocks] : t.resource.items())
    for (auto& [name, body] : blocks.items()) {
      if (!body.contains("depends_on")) continue;
      json expanded = json::array();
      for (const json& address : body["depends_on"]) {
        const std::string a = address.get<std::string>();
        const std::string logical = a.substr(a.find('.') + 1);
        expanded.push_back(a);
        for (const auto& [other_type, other_blocks] : t.resource.items())
          for (const auto& [other_name, unused] : other_blocks.items())
            if (other_name.rfind(logical + "_", 0) == 0) expanded.push_back(other_type + "." + other_name);
      }
      body["depends_on"] = expanded;
    }
}

json assemble(Translation& t, const json& variables, const json& locals, const json& outputs) {
  json tf = {{"terraform", {{"required_providers", {{"aws", {{"source", "hashicorp/aws"}}}}}}}};
  if (!variables.empty()) tf["variable"] = variables;
  if (!locals.empty()) tf["locals"] = locals;
  if (!t.data.empty()) tf["data"] = t.data;
  tf["resource"] = t.resource;
  if (!outputs.empty()) tf["output"] = outputs;
  return tf;
}

std::string translate_whole(Translation& t, TemplateTranslation& result) {
  if (const std::string bad = malformation(t.tmpl); !bad.empty()) return "malformed template: " + bad;
  if (t.tmpl.contains("Transform")) t.refuse("Transform " + t.tmpl["Transform"].dump());
  json variables = cfn::translate_parameters(t);
  register_resources(t);
  register_stand_ins(t);
  json locals = json::object();
  translate_conditions(t, locals);
  translate_mappings(t, locals);
  for (const auto& [logical, r] : t.tmpl["Resources"].items())
    if (t.resources.count(logical)) translate_resource(t, logical, r);
  json outputs = translate_outputs(t);
  expand_depends_on(t);
  if (!t.untranslated.empty()) return "untranslated: " + listed(t.untranslated);
  for (const char* kind : {"needs code from S3: ", "needs build: "})
    for (const auto& reason : t.needs_code)
      if (reason.rfind(kind, 0) == 0) return reason;
  const std::string main = assemble(t, variables, locals, outputs).dump(2) + "\n";
  if (const std::string missing = cfn::missing_inputs(main, t); !missing.empty()) return "needs input: " + missing;
  result.files = std::move(t.files);
  result.files["main.tf.json"] = main;
  return {};
}

}  // namespace

TemplateTranslation cloudformation_to_terraform(const nlohmann::json& tmpl,
                                                const std::map<std::string, std::string>& unit_files,
                                                const std::string& template_dir, const TranslateOptions& options) {
  TemplateTranslation result;
  Translation t{tmpl, unit_files, template_dir, options};
  try {
    result.skip_reason = translate_whole(t, result);
  } catch (const std::exception& e) {  // a shape no check foresaw: still a reason, never a crash
    result.skip_reason = std::string("malformed template: ") + e.what();
  }
  if (!result.skip_reason.empty()) result.files.clear();
  return result;
}

}  // namespace lsqm
