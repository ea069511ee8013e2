#include "actors/miner/sam/sam_api.h"

#include <set>

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/sam/sam_api_auth.h"
#include "actors/miner/template_expansion.h"

namespace lsqm::sam {
namespace {

using nlohmann::json;

// An HTTP API's Auth is kept only when it declares no authorizer.
void refuse_http_authorizers(const json& properties) {
  if (!properties.contains("Auth")) return;
  refuse_unknown_properties("SAM HttpApi Auth", properties["Auth"], {"EnableIamAuthorizer"});
  if (properties["Auth"].value("EnableIamAuthorizer", false) == true)
    throw ExpansionRefused("SAM HttpApi Auth.EnableIamAuthorizer not translated");
}

json api_name(const std::string& api_id, const json& properties) {
  if (properties.contains("Name")) return properties["Name"];
  return cfn::sub("${AWS::StackName}-" + api_id);
}

json endpoint_configuration(const json& value) {
  if (value.is_string()) return {{"Types", json::array({value})}};
  if (value.is_object() && value.contains("Type")) {
    json configuration = {{"Types", json::array({value["Type"]})}};
    if (value.contains("VPCEndpointIds")) configuration["VpcEndpointIds"] = value["VPCEndpointIds"];
    return configuration;
  }
  return value;
}

std::string stage_id(const std::string& api_id, const json& stage_name) {
  return api_id + (stage_name.is_string() ? cfn::alnum_id(stage_name.get<std::string>()) : "") + "Stage";
}

// Api Cors: an origin (quoted, "'*'") or {AllowOrigin, AllowHeaders, AllowMethods, MaxAge,
// AllowCredentials}; values are quoted as API Gateway wants them already.
cfn::CorsPreflight cors_preflight(const json& cors) {
  cfn::CorsPreflight preflight;
  if (cors.is_string()) {
    preflight.allow_origin = cors;
    return preflight;
  }
  if (!cors.is_object() || !cors.contains("AllowOrigin")) throw ExpansionRefused("SAM Api Cors without AllowOrigin not translated");
  preflight.allow_origin = cors["AllowOrigin"];
  preflight.allow_headers = cors.value("AllowHeaders", json());
  preflight.allow_methods = cors.value("AllowMethods", json());
  preflight.max_age = cors.value("MaxAge", json());
  if (cors.value("AllowCredentials", false) == true) preflight.allow_credentials = "'true'";
  return preflight;
}

const std::set<std::string> kRestApiProperties = {
    "Name", "StageName", "Description", "BinaryMediaTypes", "EndpointConfiguration",
    "MinimumCompressionSize", "DefinitionBody", "TracingEnabled", "Variables", "MethodSettings",
    "AccessLogSetting", "CacheClusterEnabled", "CacheClusterSize", "OpenApiVersion", "Tags",
    "Mode", "FailOnWarnings", "DisableExecuteApiEndpoint", "ApiKeySourceType", "PropagateTags",
    "AlwaysDeploy", "Auth", "Cors"};

const std::set<std::string> kHttpApiProperties = {
    "Name", "StageName", "Description", "DefinitionBody", "CorsConfiguration", "StageVariables",
    "AccessLogSettings", "DefaultRouteSettings", "RouteSettings", "Tags", "FailOnWarnings",
    "DisableExecuteApiEndpoint", "PropagateTags", "Auth"};

}  // namespace

ApiReferables expand_rest_api(const std::string& api_id, const json& properties, const std::vector<ApiRoute>& routes,
                     json& resources) {
  refuse_unknown_properties("SAM Api", properties, kRestApiProperties);
  RestApiAuth auth = rest_api_auth(properties);
  json api = {{"Name", api_name(api_id, properties)}};
  if (!auth.resource_policy.is_null()) api["Policy"] = auth.resource_policy;
  cfn::copy_present(properties, api,
               {"Description", "BinaryMediaTypes", "MinimumCompressionSize", "FailOnWarnings",
                "DisableExecuteApiEndpoint", "ApiKeySourceType", "Mode"});
  if (properties.contains("EndpointConfiguration"))
    api["EndpointConfiguration"] = endpoint_configuration(properties["EndpointConfiguration"]);
  bool has_body = properties.contains("DefinitionBody");
  if (has_body) api["Body"] = properties["DefinitionBody"];
  resources[api_id] = cfn::resource("AWS::ApiGateway::RestApi", std::move(api));

  cfn::RestApiPaths paths(resources, api_id, api_id + "Resource", api_id + "Method");
  if (has_body && properties.contains("Cors")) throw ExpansionRefused("SAM Api Cors with DefinitionBody not translated");
  for (const auto& route : routes) {
    json method_properties = json::object();
    if (event_requires_api_key(route.event, auth.api_key_required)) method_properties["ApiKeyRequired"] = true;
    if (has_body) continue;  // the definition has the methods
    paths.add_lambda_method(route.path, route.method, route.function_id, method_properties);
    if (properties.contains("Cors")) paths.enable_cors(route.path, cors_preflight(properties["Cors"]));
  }
  paths.add_cors_preflights();

  std::string deployment_id = api_id + "Deployment";
  json deployment = cfn::resource("AWS::ApiGateway::Deployment", {{"RestApiId", cfn::ref(api_id)}});
  if (!paths.method_ids().empty()) deployment["DependsOn"] = paths.method_ids();
  resources[deployment_id] = std::move(deployment);

  json stage_name = properties.value("StageName", json("Prod"));
  json stage = {{"RestApiId", cfn::ref(api_id)}, {"DeploymentId", cfn::ref(deployment_id)}, {"StageName", stage_name}};
  cfn::copy_present(properties, stage,
               {"TracingEnabled", "Variables", "MethodSettings", "AccessLogSetting", "CacheClusterEnabled",
                "CacheClusterSize"});
  resources[stage_id(api_id, stage_name)] = cfn::resource("AWS::ApiGateway::Stage", std::move(stage));
  if (!auth.usage_plan.is_null()) add_usage_plan(api_id, stage_id(api_id, stage_name), auth.usage_plan, resources);
  return {stage_id(api_id, stage_name), deployment_id};
}

ApiReferables expand_http_api(const std::string& api_id, const json& properties, const std::vector<ApiRoute>& routes,
                     json& resources) {
  refuse_unknown_properties("SAM HttpApi", properties, kHttpApiProperties);
  refuse_http_authorizers(properties);
  json api = {{"Name", api_name(api_id, properties)}, {"ProtocolType", "HTTP"}};
  cfn::copy_present(properties, api, {"Description", "DisableExecuteApiEndpoint", "Tags", "FailOnWarnings"});
  if (properties.contains("CorsConfiguration")) {
    if (!properties["CorsConfiguration"].is_object())
      throw ExpansionRefused("SAM HttpApi CorsConfiguration other than a map not translated");
    api["CorsConfiguration"] = properties["CorsConfiguration"];
  }
  bool has_body = properties.contains("DefinitionBody");
  if (has_body) api["Body"] = properties["DefinitionBody"];
  resources[api_id] = cfn::resource("AWS::ApiGatewayV2::Api", std::move(api));

  json stage_name = properties.value("StageName", json("$default"));
  json stage = {{"ApiId", cfn::ref(api_id)}, {"StageName", stage_name}, {"AutoDeploy", true}};
  cfn::copy_present(properties, stage, {"StageVariables", "AccessLogSettings", "DefaultRouteSettings", "RouteSettings"});
  std::string stage_logical_id = stage_name == "$default" ? api_id + "ApiGatewayDefaultStage" : stage_id(api_id, stage_name);
  resources[stage_logical_id] = cfn::resource("AWS::ApiGatewayV2::Stage", std::move(stage));

  if (has_body) return {stage_logical_id, ""};
  for (const auto& route : routes) {
    std::string integration_id = route.event_id + "Integration";
    json integration = {{"ApiId", cfn::ref(api_id)},
                        {"IntegrationType", "AWS_PROXY"},
                        {"IntegrationUri", cfn::get_att(route.function_id, "Arn")},
                        {"PayloadFormatVersion", route.event.value("PayloadFormatVersion", json("2.0"))}};
    cfn::copy_present(route.event, integration, {"TimeoutInMillis"});
    resources[integration_id] = cfn::resource("AWS::ApiGatewayV2::Integration", std::move(integration));
    std::string route_key = route.path.empty() && route.method.empty()
                                ? "$default"
                                : (route.method.empty() ? "ANY" : route.method) + " " + route.path;
    resources[route.event_id + "Route"] = cfn::resource(
        "AWS::ApiGatewayV2::Route",
        {{"ApiId", cfn::ref(api_id)},
         {"RouteKey", route_key},
         {"Target", {{"Fn::Join", json::array({"/", json::array({"integrations", cfn::ref(integration_id)})})}}}});
  }
  return {stage_logical_id, ""};
}

}  // namespace lsqm::sam
