#include "actors/miner/sam/sam_to_cloudformation.h"

#include <functional>
#include <map>
#include <set>

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/sam/sam_api.h"
#include "actors/miner/sam/sam_function.h"
#include "actors/miner/sam/sam_globals.h"
#include "actors/miner/sam/sam_resources.h"

namespace lsqm {
namespace {

using nlohmann::json;

const std::string kSamTransform = "AWS::Serverless-2016-10-31";
const std::string kServerlessPrefix = "AWS::Serverless::";

void check_transform(const json& transform) {
  json list = transform.is_array() ? transform : json::array({transform});
  for (const auto& name : list)
    if (name != kSamTransform)
      throw ExpansionRefused("transform " + (name.is_string() ? name.get<std::string>() : name.dump()) + " not translated");
}

// The resource with its Globals section (Function, Api, …) merged into its Properties.
json with_globals(const json& resource, const json& globals, const std::string& section) {
  if (!globals.contains(section)) return resource;
  json merged = resource;
  merged["Properties"] = sam::merge_globals(globals[section], resource.value("Properties", json::object()));
  return merged;
}

using SimpleExpander = std::function<void(const std::string&, const json&, json&)>;

const std::map<std::string, std::pair<std::string, SimpleExpander>>& simple_expanders() {
  static const std::map<std::string, std::pair<std::string, SimpleExpander>> table = {
      {"AWS::Serverless::SimpleTable", {"SimpleTable", sam::expand_simple_table}},
      {"AWS::Serverless::StateMachine", {"StateMachine", sam::expand_state_machine}},
      {"AWS::Serverless::LayerVersion", {"LayerVersion", sam::expand_layer_version}},
  };
  return table;
}

// AWS::Include transforms replaced by the local document they name; any other macro refused.
json inline_includes(const json& node, const TemplateFiles& files) {
  if (node.is_array()) {
    json result = json::array();
    for (const auto& item : node) result.push_back(inline_includes(item, files));
    return result;
  }
  if (!node.is_object()) return node;
  if (node.size() == 1 && node.contains("Fn::Transform")) {
    const json& transform = node["Fn::Transform"];
    std::string name = transform.is_object() ? transform.value("Name", std::string()) : std::string();
    const json location = transform.is_object() ? transform.value("/Parameters/Location"_json_pointer, json()) : json();
    if (name != "AWS::Include") throw ExpansionRefused("transform " + (name.empty() ? transform.dump().substr(0, 60) : name) + " not translated");
    if (!location.is_string() || location.get<std::string>().rfind("s3://", 0) == 0)
      throw ExpansionRefused("AWS::Include of " + location.dump().substr(0, 80) + " (not a local file) not translated");
    return read_local_document(files, location.get<std::string>());
  }
  json result = json::object();
  for (const auto& [key, value] : node.items()) result[key] = inline_includes(value, files);
  return result;
}

// A DefinitionUri that is a local path, inlined as the property it stands for.
json with_local_definition(const json& resource, const std::string& inline_property, const TemplateFiles& files) {
  const json uri = resource.value("/Properties/DefinitionUri"_json_pointer, json());
  if (!uri.is_string() || uri.get<std::string>().rfind("s3://", 0) == 0) return resource;
  json inlined = resource;
  inlined["Properties"].erase("DefinitionUri");
  inlined["Properties"][inline_property] = read_local_document(files, uri.get<std::string>());
  return inlined;
}

class SamExpander {
 public:
  SamExpander(const json& sam, const TemplateFiles& files)
      : sam_(inline_includes(sam, files)), files_(files), globals_(sam_.value("Globals", json::object())) {}

  json expand() {
    if (!sam_.is_object() || !sam_.contains("Resources") || !sam_["Resources"].is_object())
      throw ExpansionRefused("SAM template has no Resources map");
    if (sam_.contains("Transform")) check_transform(sam_["Transform"]);
    sam::check_globals_sections(globals_);
    json out = sam_;
    out.erase("Transform");
    out.erase("Globals");
    out["Resources"] = plain_resources();
    for (const auto& [id, resource] : sam_["Resources"].items()) expand_serverless(id, resource, out["Resources"]);
    expand_apis(out["Resources"]);
    record_alias_references(out["Resources"]);
    return resolve_property_references(out);
  }

 private:
  // Resources that are CloudFormation already are kept as they are (S3 events add to buckets).
  json plain_resources() const {
    json resources = json::object();
    for (const auto& [id, resource] : sam_["Resources"].items()) {
      if (!resource.is_object() || !resource.contains("Type") || !resource["Type"].is_string())
        throw ExpansionRefused("resource " + id + " has no Type");
      if (resource["Type"].get<std::string>().rfind(kServerlessPrefix, 0) != 0) resources[id] = resource;
    }
    return resources;
  }

  void expand_serverless(const std::string& id, const json& declared, json& resources) {
    std::string type = declared["Type"].get<std::string>();
    json resource = type == "AWS::Serverless::StateMachine" ? with_local_definition(declared, "Definition", files_)
                    : type == "AWS::Serverless::Api" || type == "AWS::Serverless::HttpApi"
                        ? with_local_definition(declared, "DefinitionBody", files_)
                        : declared;
    if (type.rfind(kServerlessPrefix, 0) != 0) return;
    if (type == "AWS::Serverless::Function") {
      sam::FunctionEvents events;
      sam::expand_function(id, with_globals(resource, globals_, "Function"), resources, events);
      for (auto& route : events.rest_routes) rest_routes_[route.api_id].push_back(std::move(route));
      for (auto& route : events.http_routes) http_routes_[route.api_id].push_back(std::move(route));
    } else if (type == "AWS::Serverless::Api" || type == "AWS::Serverless::HttpApi") {
      (type == "AWS::Serverless::Api" ? rest_apis_ : http_apis_)[id] =
          with_globals(resource, globals_, type == "AWS::Serverless::Api" ? "Api" : "HttpApi").value("Properties", json::object());
    } else if (auto simple = simple_expanders().find(type); simple != simple_expanders().end()) {
      simple->second.second(id, with_globals(resource, globals_, simple->second.first), resources);
    } else {
      throw ExpansionRefused("SAM resource type " + type + " not translated");
    }
  }

  // Explicit APIs, then the implicit ones events asked for; a route to any other API is refused.
  void expand_apis(json& resources) {
    add_implicit(rest_apis_, rest_routes_, "ServerlessRestApi", "Api");
    add_implicit(http_apis_, http_routes_, "ServerlessHttpApi", "HttpApi");
    check_routed(rest_apis_, rest_routes_);
    check_routed(http_apis_, http_routes_);
    for (const auto& [id, properties] : rest_apis_) {
      sam::ApiReferables referables = sam::expand_rest_api(id, properties, rest_routes_[id], resources);
      property_references_[id + ".Stage"] = referables.stage_id;
      property_references_[id + ".Deployment"] = referables.deployment_id;
    }
    for (const auto& [id, properties] : http_apis_)
      property_references_[id + ".Stage"] = sam::expand_http_api(id, properties, http_routes_[id], resources).stage_id;
  }

  // <Function>.Alias and <Function>.Version for functions with AutoPublishAlias.
  void record_alias_references(const json& resources) {
    for (const auto& [id, resource] : resources.items()) {
      if (resource.value("Type", "") != "AWS::Lambda::Alias") continue;
      const json function = resource.value("/Properties/FunctionName/Ref"_json_pointer, json());
      const json version = resource.value("/Properties/FunctionVersion/Fn::GetAtt/0"_json_pointer, json());
      if (!function.is_string() || !version.is_string()) continue;
      property_references_[function.get<std::string>() + ".Alias"] = id;
      property_references_[function.get<std::string>() + ".Version"] = version.get<std::string>();
    }
  }

  // SAM's property references (`!Ref MyApi.Stage`, `!Ref MyFunction.Alias`) replaced by the
  // logical ids they stand for.
  json resolve_property_references(const json& node) const {
    if (node.is_array()) {
      json result = json::array();
      for (const auto& item : node) result.push_back(resolve_property_references(item));
      return result;
    }
    if (!node.is_object()) return node;
    if (node.size() == 1 && node.contains("Ref") && node["Ref"].is_string()) {
      auto found = property_references_.find(node["Ref"].get<std::string>());
      if (found != property_references_.end() && !found->second.empty()) return cfn::ref(found->second);
      return node;
    }
    json result = json::object();
    for (const auto& [key, value] : node.items()) result[key] = resolve_property_references(value);
    return result;
  }

  void add_implicit(std::map<std::string, json>& apis, const std::map<std::string, std::vector<sam::ApiRoute>>& routes,
                    const std::string& implicit_id, const std::string& section) {
    if (!routes.count(implicit_id) || apis.count(implicit_id)) return;
    apis[implicit_id] = globals_.value(section, json::object());
  }

  static void check_routed(const std::map<std::string, json>& apis,
                           const std::map<std::string, std::vector<sam::ApiRoute>>& routes) {
    for (const auto& [api_id, api_routes] : routes)
      if (!apis.count(api_id)) throw ExpansionRefused("SAM event " + api_routes.front().event_id + ": API " + api_id + " is not a SAM API of the template");
  }

  const json sam_;
  const TemplateFiles& files_;
  json globals_;
  std::map<std::string, json> rest_apis_, http_apis_;
  std::map<std::string, std::vector<sam::ApiRoute>> rest_routes_, http_routes_;
  std::map<std::string, std::string> property_references_;  // "MyApi.Stage" → its stage's id
};

}  // namespace

Expansion sam_to_cloudformation(const json& sam_template, const TemplateFiles& files) {
  return guarded_expansion("malformed SAM template", [&](Expansion& expansion) {
    expansion.cloudformation = SamExpander(sam_template, files).expand();
  });
}

}  // namespace lsqm
