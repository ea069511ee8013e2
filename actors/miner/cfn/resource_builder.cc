#include "actors/miner/cfn/resource_builder.h"

#include "actors/miner/cfn/intrinsics.h"

namespace lsqm::cfn {

ResourceBuilder::ResourceBuilder(Translation& t, const std::string& logical, const std::string& cfn_type,
                                 const ResourceType& type, const json& properties)
    : t_(t), logical_(logical), cfn_type_(cfn_type), type_(type), properties_(properties) {}

json& ResourceBuilder::body() {
  json& block = t_.resource[type_.tf_type][logical_];
  if (block.is_null()) block = json::object();
  return block;
}

const json* ResourceBuilder::take(const std::string& property) {
  if (!properties_.is_object() || !properties_.contains(property)) return nullptr;
  taken_.insert(property);
  const json& v = properties_[property];
  return is_intrinsic(v) && v.begin().key() == "Ref" && v.begin()->get<std::string>() == "AWS::NoValue" ? nullptr : &v;
}

bool ResourceBuilder::copy(const std::string& property, const std::string& argument) {
  const json* v = take(property);
  if (v) body()[argument] = value(*v);
  return v != nullptr;
}

void ResourceBuilder::copy_all(std::initializer_list<Arg> args) {
  for (const Arg& a : args) copy(a.property, a.argument);
}

// A JSON document's expression: a string as it is, a structure jsonencode'd, each branch of
// a Fn::If on its own (so AWS::NoValue stays null, not "null").
std::string ResourceBuilder::document_expression(const json& v) {
  if (v.is_string()) return expression(v);
  if (is_intrinsic(v) && v.begin().key() == "Ref" && *v.begin() == "AWS::NoValue") return "null";
  if (is_intrinsic(v) && v.begin().key() == "Fn::If" && v.begin()->is_array() && v.begin()->size() == 3) {
    const json& args = *v.begin();
    if (args[0].is_string())
      return "(" + condition_expression(args[0].get<std::string>()) + " ? " + document_expression(args[1]) + " : " +
             document_expression(args[2]) + ")";
  }
  if (is_intrinsic(v) && v.begin().key() != "Fn::FindInMap") return expression(v);  // yields a string
  return "jsonencode(" + expression(v) + ")";
}

json ResourceBuilder::document(const json& v) {
  if (v.is_string()) return value(v);
  return "${" + document_expression(v) + "}";
}

bool ResourceBuilder::copy_document(const std::string& property, const std::string& argument) {
  const json* v = take(property);
  if (v) body()[argument] = document(*v);
  return v != nullptr;
}

void ResourceBuilder::copy_tags(const std::string& property, const std::string& argument) {
  const json* tags = take(property);
  if (!tags) return;
  if (tags->is_object() && !is_intrinsic(*tags)) {
    body()[argument] = value(*tags);
    return;
  }
  json out = json::object();
  if (!tags->is_array()) return refuse(property + " (computed)");
  for (const json& tag : *tags) {
    if (!tag.is_object() || !tag.contains("Key") || !tag["Key"].is_string() || !tag.contains("Value"))
      return refuse(property + " (computed)");
    out[template_escape(tag["Key"].get<std::string>())] = value(tag["Value"]);
  }
  body()[argument] = out;
}

void ResourceBuilder::copy_name(const std::string& property, const std::string& argument, std::size_t max_length) {
  if (!copy(property, argument)) body()[argument] = template_escape(generated_name(max_length));
}

std::string ResourceBuilder::generated_name(std::size_t max_length) const {
  std::string name = t_.options.stack_name + "-" + logical_;
  if (name.size() > max_length) name.resize(max_length);
  return name;
}

std::string ResourceBuilder::expression(const json& v) { return hcl_expression(v, t_); }

json ResourceBuilder::terraform_value_of(const json& v) { return terraform_value(v, t_); }

std::optional<json> ResourceBuilder::block(const json& object, const std::string& where, const std::vector<Arg>& args) {
  if (!object.is_object() || is_intrinsic(object)) {
    refuse(where + " (computed)");
    return std::nullopt;
  }
  json out = json::object();
  for (const auto& [member, v] : object.items()) {
    const Arg* match = nullptr;
    for (const Arg& a : args)
      if (member == a.property) match = &a;
    if (!match) refuse(where + "." + member);
    else if (!(is_intrinsic(v) && v.begin().key() == "Ref" && v.begin()->get<std::string>() == "AWS::NoValue"))
      out[match->argument] = value(v);
  }
  return out;
}

std::optional<json> ResourceBuilder::list(const json& v, const std::string& where) {
  if (v.is_array()) return v;
  refuse(where + " (computed)");
  return std::nullopt;
}

std::optional<json> ResourceBuilder::take_list(const std::string& property) {
  const json* v = take(property);
  if (!v) return std::nullopt;
  return list(*v, property);
}

std::string ResourceBuilder::self(const std::string& attribute) const {
  return "${" + attribute_expression(type_.tf_type, logical_, attribute, t_) + "}";
}

json& ResourceBuilder::extra(const std::string& tf_type, const std::string& suffix) {
  json& block = t_.resource[tf_type][logical_ + "_" + suffix];
  if (block.is_null()) {
    block = json::object();
    if (t_.conditional.count(logical_)) block["count"] = body()["count"];
  }
  return block;
}

void ResourceBuilder::finish() {
  if (!properties_.is_object()) return;
  for (const auto& [property, v] : properties_.items())
    if (!taken_.count(property)) refuse(property);
}

}  // namespace lsqm::cfn
