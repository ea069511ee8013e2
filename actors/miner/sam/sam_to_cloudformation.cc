#include "actors/miner/sam/sam_to_cloudformation.h"

#include <functional>
#include <map>
#include <set>

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

class SamExpander {
 public:
  SamExpander(const json& sam) : sam_(sam), globals_(sam.value("Globals", json::object())) {}

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
    return out;
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

  void expand_serverless(const std::string& id, const json& resource, json& resources) {
    std::string type = resource["Type"].get<std::string>();
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
    for (const auto& [id, properties] : rest_apis_) sam::expand_rest_api(id, properties, rest_routes_[id], resources);
    for (const auto& [id, properties] : http_apis_) sam::expand_http_api(id, properties, http_routes_[id], resources);
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

  const json& sam_;
  json globals_;
  std::map<std::string, json> rest_apis_, http_apis_;
  std::map<std::string, std::vector<sam::ApiRoute>> rest_routes_, http_routes_;
};

}  // namespace

Expansion sam_to_cloudformation(const json& sam_template) {
  Expansion expansion;
  try {
    expansion.cloudformation = SamExpander(sam_template).expand();
  } catch (const ExpansionRefused& refused) {
    expansion.skip_reason = refused.what();
  } catch (const std::exception& e) {
    expansion.skip_reason = std::string("malformed SAM template: ") + e.what();
  }
  if (!expansion.skip_reason.empty()) expansion.cloudformation = nullptr;
  return expansion;
}

}  // namespace lsqm
