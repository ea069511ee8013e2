// The Auth of a SAM REST API and of its Api events, where it needs no authorizer: API keys
// (ApiKeyRequired, with a per-API usage plan and key), resource policies (CustomStatements).
// Authorizers (Lambda, Cognito, IAM) are refused by name.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lsqm::sam {

struct RestApiAuth {
  bool api_key_required = false;
  nlohmann::json resource_policy;  // the RestApi's Policy, or null
  nlohmann::json usage_plan;       // Auth.UsagePlan when it creates one per API, or null
};

// `properties`: the API's properties. Throws ExpansionRefused for an Auth setting not covered.
RestApiAuth rest_api_auth(const nlohmann::json& properties);

// An event's Auth over the API's: whether its method requires an API key.
bool event_requires_api_key(const nlohmann::json& event_properties, bool api_default);

// Auth.UsagePlan CreateUsagePlan PER_API: <Api>UsagePlan, <Api>ApiKey and <Api>UsagePlanKey.
void add_usage_plan(const std::string& api_id, const std::string& stage_id, const nlohmann::json& usage_plan,
                    nlohmann::json& resources);

}  // namespace lsqm::sam
