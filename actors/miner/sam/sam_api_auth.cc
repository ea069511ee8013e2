#include "actors/miner/sam/sam_api_auth.h"

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/template_expansion.h"

namespace lsqm::sam {
namespace {

using nlohmann::json;

json resource_policy(const json& policy) {
  refuse_unknown_properties("SAM Api Auth.ResourcePolicy", policy, {"CustomStatements"});
  json statements = policy.value("CustomStatements", json::array());
  if (statements.is_object()) statements = json::array({statements});
  return {{"Version", "2012-10-17"}, {"Statement", statements}};
}

}  // namespace

RestApiAuth rest_api_auth(const json& properties) {
  RestApiAuth auth;
  if (!properties.contains("Auth")) return auth;
  const json& settings = properties["Auth"];
  if (!settings.is_object()) throw ExpansionRefused("SAM Api Auth is not a map");
  refuse_unknown_properties("SAM Api Auth", settings,
                            {"ApiKeyRequired", "UsagePlan", "ResourcePolicy", "AddDefaultAuthorizerToCorsPreflight",
                             "AddApiKeyRequiredToCorsPreflight"});
  auth.api_key_required = settings.value("ApiKeyRequired", false) == true;
  if (settings.contains("ResourcePolicy")) auth.resource_policy = resource_policy(settings["ResourcePolicy"]);
  if (settings.contains("UsagePlan")) {
    const json& plan = settings["UsagePlan"];
    std::string create = plan.is_object() ? plan.value("CreateUsagePlan", std::string()) : std::string();
    if (create == "PER_API") auth.usage_plan = plan;
    else if (create != "NONE") throw ExpansionRefused("SAM Api Auth.UsagePlan CreateUsagePlan " + create + " not translated");
  }
  return auth;
}

bool event_requires_api_key(const json& event_properties, bool api_default) {
  const json auth = event_properties.value("Auth", json::object());
  if (!auth.is_object()) throw ExpansionRefused("SAM Api event Auth is not a map");
  refuse_unknown_properties("SAM Api event Auth", auth, {"Authorizer", "ApiKeyRequired"});
  if (auth.contains("Authorizer") && auth["Authorizer"] != "NONE")
    throw ExpansionRefused("SAM Api event Auth.Authorizer not translated");
  return auth.value("ApiKeyRequired", api_default) == true;
}

void add_usage_plan(const std::string& api_id, const std::string& stage_id, const json& usage_plan, json& resources) {
  std::string plan_id = api_id + "UsagePlan", key_id = api_id + "ApiKey";
  json plan = {{"ApiStages", json::array({{{"ApiId", cfn::ref(api_id)}, {"Stage", cfn::ref(stage_id)}}})}};
  cfn::copy_present(usage_plan, plan, {"Quota", "Throttle", "Description", "UsagePlanName", "Tags"});
  json plan_resource = cfn::resource("AWS::ApiGateway::UsagePlan", std::move(plan));
  plan_resource["DependsOn"] = json::array({stage_id});
  resources[plan_id] = std::move(plan_resource);
  // The key reaches the API through the usage plan (UsagePlanKey); StageKeys is the legacy way.
  json key = cfn::resource("AWS::ApiGateway::ApiKey", {{"Enabled", true}});
  key["DependsOn"] = json::array({plan_id});
  resources[key_id] = std::move(key);
  resources[api_id + "UsagePlanKey"] = cfn::resource(
      "AWS::ApiGateway::UsagePlanKey", {{"KeyId", cfn::ref(key_id)}, {"KeyType", "API_KEY"}, {"UsagePlanId", cfn::ref(plan_id)}});
}

}  // namespace lsqm::sam
