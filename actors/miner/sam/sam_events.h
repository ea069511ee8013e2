// The `Events` of an AWS::Serverless::Function: each event becomes the CloudFormation the SAM
// transform makes for it (permissions, event source mappings, rules, schedules, subscriptions,
// bucket notifications); API events are collected as routes for sam_api to build the APIs.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lsqm::sam {

struct ApiRoute {
  std::string api_id;       // ServerlessRestApi / ServerlessHttpApi or an explicit Api's id
  std::string path;         // "" for an HttpApi $default route
  std::string method;       // upper case, "ANY" for any
  std::string function_id;
  std::string event_id;     // <Function><Event>
  nlohmann::json event;     // the event's Properties, for integration options
};

struct FunctionEvents {
  std::string function_id;
  nlohmann::json condition;                        // the function's Condition, or null
  nlohmann::json managed_policy_arns = nlohmann::json::array();  // added to the function role
  nlohmann::json role_statements = nlohmann::json::array();      // an inline policy of the role
  std::vector<ApiRoute> rest_routes, http_routes;
};

// Adds the event's resources to `resources` (CloudFormation Resources of the output, which
// also holds the S3 buckets an S3 event names). Throws ExpansionRefused for an event kind or
// shape the expansion does not cover.
void expand_function_event(const std::string& event_name, const nlohmann::json& event,
                           nlohmann::json& resources, FunctionEvents& events);

}  // namespace lsqm::sam
