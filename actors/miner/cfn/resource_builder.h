// What a resource type's translator writes with: the resource's properties (each one taken is
// marked handled; whatever is left untaken at the end is refused by name), its Terraform
// block, and extra blocks for what Terraform keeps in separate resources.
#pragma once

#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include "actors/miner/cfn/resource_types.h"
#include "actors/miner/cfn/translation.h"

namespace lsqm::cfn {

// A property → argument pair of a mechanical mapping.
struct Arg {
  const char* property;
  const char* argument;
};

class ResourceBuilder {
 public:
  ResourceBuilder(Translation& t, const std::string& logical, const std::string& cfn_type, const ResourceType& type,
                  const json& properties);

  Translation& translation() { return t_; }
  const std::string& logical() const { return logical_; }
  const std::string& cfn_type() const { return cfn_type_; }
  json& body();

  // A property, now handled; nullptr when absent.
  const json* take(const std::string& property);
  // property → argument, the value translated; false when absent.
  bool copy(const std::string& property, const std::string& argument);
  void copy_all(std::initializer_list<Arg> args);
  // A policy or other JSON document: a string stays, an object is jsonencode'd.
  bool copy_document(const std::string& property, const std::string& argument);
  // `Tags` ([{Key, Value}] or a map) → `tags`.
  void copy_tags(const std::string& property = "Tags", const std::string& argument = "tags");
  // `property` → `argument`, or when absent the name CloudFormation would generate.
  void copy_name(const std::string& property, const std::string& argument, std::size_t max_length = 64);

  json value(const json& v) { return terraform_value_of(v); }
  json document(const json& v);  // as copy_document, for a value at hand
  std::string document_expression(const json& v);
  std::string expression(const json& v);
  // An object property's members mapped to a nested block; members not in `args` are refused
  // (as "Type.Property.Member"). Nothing when `object` is not a literal object.
  std::optional<json> block(const json& object, const std::string& where, const std::vector<Arg>& args);
  // The elements of a literal list (a computed list is refused as `where`).
  std::optional<json> list(const json& v, const std::string& where);
  // take(property) as a literal list; nothing when absent or computed (refused).
  std::optional<json> take_list(const std::string& property);

  // "${<this resource's attribute>}", for extra blocks and nested references.
  std::string self(const std::string& attribute) const;
  // Another block of this resource, named "<Logical>_<suffix>", created on the first call.
  json& extra(const std::string& tf_type, const std::string& suffix);
  // The name CloudFormation would generate: "<stack>-<Logical>", cut to `max_length`.
  std::string generated_name(std::size_t max_length = 64) const;

  void refuse(const std::string& what) { t_.refuse(cfn_type_ + "." + what); }
  void needs(const std::string& reason) { t_.needs_code.insert(reason); }
  // Refuses every property not taken.
  void finish();

 private:
  json terraform_value_of(const json& v);

  Translation& t_;
  std::string logical_, cfn_type_;
  const ResourceType& type_;
  const json& properties_;
  std::set<std::string> taken_;
};

}  // namespace lsqm::cfn
