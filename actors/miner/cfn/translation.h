// The state one template's translation shares between its parts: what the template declares,
// the Terraform being built, and every name that could not be translated.
#pragma once

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "actors/miner/cfn/cloudformation_to_terraform.h"

namespace lsqm::cfn {

using nlohmann::json;

struct ResourceType;

struct Translation {
  Translation(const json& template_json, const std::map<std::string, std::string>& files, std::string dir,
              TranslateOptions opts)
      : tmpl(template_json), unit_files(files), template_dir(std::move(dir)), options(std::move(opts)) {}

  const json& tmpl;
  const std::map<std::string, std::string>& unit_files;
  std::string template_dir;
  TranslateOptions options;

  std::map<std::string, std::string> variables;           // parameter → variable name
  std::map<std::string, std::string> parameter_refs;      // parameter → expression of its Ref
  std::map<std::string, const ResourceType*> resources;   // logical id → its type
  std::set<std::string> conditional;                      // logical ids with a Condition
  std::set<std::string> unknown_type;                     // logical ids of untranslated types
  std::map<std::string, std::string> stand_ins;           // logical id → address it resolves to
  std::set<std::string> untranslated;                     // types, properties, intrinsics
  std::set<std::string> needs_code;                       // "needs code from S3: Fn", "needs build: …"
  std::set<std::string> needs_input;                      // parameters nothing honest can fill
  json data = json::object();                             // data sources in use
  json resource = json::object();                         // terraform type → name → body
  std::map<std::string, std::string> files;               // extra output files (lambda zips)

  void refuse(const std::string& what) { untranslated.insert(what); }
};

}  // namespace lsqm::cfn
