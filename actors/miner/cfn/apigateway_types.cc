// AWS::ApiGateway::RestApi / Resource / Method (+ its integration and responses) /
// Deployment / Stage / ApiKey / UsagePlan / UsagePlanKey, AWS::ApiGatewayV2::Api /
// Integration / Route / Stage / Deployment.
#include "actors/miner/cfn/intrinsics.h"
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

void rest_api(ResourceBuilder& b) {
  b.copy_name("Name", "name");
  b.copy_all({{"Description", "description"}, {"BinaryMediaTypes", "binary_media_types"},
              {"ApiKeySourceType", "api_key_source"}, {"DisableExecuteApiEndpoint", "disable_execute_api_endpoint"},
              {"MinimumCompressionSize", "minimum_compression_size"}});
  b.copy_document("Body", "body");
  b.copy_document("Policy", "policy");
  b.copy_tags();
  if (const json* e = b.take("EndpointConfiguration"))
    if (auto block = b.block(*e, "EndpointConfiguration", {{"Types", "types"}, {"VpcEndpointIds", "vpc_endpoint_ids"}}))
      b.body()["endpoint_configuration"] = *block;
}

void api_resource(ResourceBuilder& b) {
  b.copy_all({{"RestApiId", "rest_api_id"}, {"ParentId", "parent_id"}, {"PathPart", "path_part"}});
}

// An integration or response names its method by API, resource and HTTP method.
void copy_method_keys(ResourceBuilder& b, json& out) {
  for (const char* key : {"rest_api_id", "resource_id"})
    if (b.body().contains(key)) out[key] = b.body()[key];
  out["http_method"] = b.self("http_method");
}

void integration_responses(ResourceBuilder& b, const json& responses) {
  const auto list = b.list(responses, "Integration.IntegrationResponses");
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto r = b.block((*list)[i], "Integration.IntegrationResponses",
                     {{"StatusCode", "status_code"}, {"SelectionPattern", "selection_pattern"},
                      {"ResponseParameters", "response_parameters"}, {"ResponseTemplates", "response_templates"},
                      {"ContentHandling", "content_handling"}});
    if (!r) continue;
    copy_method_keys(b, *r);
    (*r)["depends_on"] = json::array({"aws_api_gateway_integration." + b.logical() + "_integration"});
    b.extra("aws_api_gateway_integration_response", "response" + std::to_string(i)) = *r;
  }
}

void integration(ResourceBuilder& b) {
  const json* i = b.take("Integration");
  if (!i) return;
  auto out = b.block(*i, "Integration",
                     {{"Type", "type"}, {"IntegrationHttpMethod", "integration_http_method"}, {"Uri", "uri"},
                      {"Credentials", "credentials"}, {"RequestTemplates", "request_templates"},
                      {"RequestParameters", "request_parameters"}, {"PassthroughBehavior", "passthrough_behavior"},
                      {"ContentHandling", "content_handling"}, {"TimeoutInMillis", "timeout_milliseconds"},
                      {"ConnectionType", "connection_type"}, {"ConnectionId", "connection_id"},
                      {"CacheKeyParameters", "cache_key_parameters"}, {"CacheNamespace", "cache_namespace"},
                      {"IntegrationResponses", "responses"}});
  if (!out) return;
  out->erase("responses");
  copy_method_keys(b, *out);
  b.extra("aws_api_gateway_integration", "integration") = *out;
  if (i->contains("IntegrationResponses")) integration_responses(b, (*i)["IntegrationResponses"]);
}

void method_responses(ResourceBuilder& b) {
  const auto list = b.take_list("MethodResponses");
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto r = b.block((*list)[i], "MethodResponses", {{"StatusCode", "status_code"},
                                                     {"ResponseParameters", "response_parameters"},
                                                     {"ResponseModels", "response_models"}});
    if (!r) continue;
    copy_method_keys(b, *r);
    b.extra("aws_api_gateway_method_response", "method_response" + std::to_string(i)) = *r;
  }
}

void method(ResourceBuilder& b) {
  b.copy_all({{"RestApiId", "rest_api_id"}, {"ResourceId", "resource_id"}, {"HttpMethod", "http_method"},
              {"AuthorizerId", "authorizer_id"}, {"ApiKeyRequired", "api_key_required"},
              {"RequestParameters", "request_parameters"}, {"RequestModels", "request_models"},
              {"OperationName", "operation_name"}, {"AuthorizationScopes", "authorization_scopes"},
              {"RequestValidatorId", "request_validator_id"}});
  if (!b.copy("AuthorizationType", "authorization")) b.body()["authorization"] = "NONE";
  integration(b);
  method_responses(b);
}

void deployment(ResourceBuilder& b) {
  b.copy_all({{"RestApiId", "rest_api_id"}, {"Description", "description"}, {"StageName", "stage_name"}});
}

// MethodSettings [{ResourcePath, HttpMethod, …}]: one aws_api_gateway_method_settings each,
// its method_path "<path without the leading slash>/<method>" ("/*" and "*" give "*/*").
void method_settings(ResourceBuilder& b) {
  const auto list = b.take_list("MethodSettings");
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& m = (*list)[i];
    auto s = b.block(m, "MethodSettings",
                     {{"ResourcePath", "path"}, {"HttpMethod", "method"}, {"MetricsEnabled", "metrics_enabled"},
                      {"LoggingLevel", "logging_level"}, {"DataTraceEnabled", "data_trace_enabled"},
                      {"ThrottlingBurstLimit", "throttling_burst_limit"}, {"ThrottlingRateLimit", "throttling_rate_limit"},
                      {"CachingEnabled", "caching_enabled"}, {"CacheTtlInSeconds", "cache_ttl_in_seconds"},
                      {"CacheDataEncrypted", "cache_data_encrypted"}});
    if (!s) continue;
    const json path = m.value("ResourcePath", json("/*"));
    const json method = m.value("HttpMethod", json("*"));
    if (!path.is_string() || !method.is_string()) {
      b.refuse("MethodSettings (computed path)");
      continue;
    }
    std::string p = path.get<std::string>();
    if (!p.empty() && p[0] == '/') p.erase(0, 1);
    for (std::size_t at; (at = p.find("~1")) != std::string::npos;) p.replace(at, 2, "/");
    s->erase("path");
    s->erase("method");
    b.extra("aws_api_gateway_method_settings", "settings" + std::to_string(i)) = {
        {"rest_api_id", b.body().value("rest_api_id", json())},
        {"stage_name", b.self("stage_name")},
        {"method_path", template_escape(p + "/" + method.get<std::string>())},
        {"settings", *s}};
  }
}

void stage(ResourceBuilder& b) {
  b.copy_all({{"RestApiId", "rest_api_id"}, {"DeploymentId", "deployment_id"}, {"StageName", "stage_name"},
              {"Description", "description"}, {"Variables", "variables"}, {"TracingEnabled", "xray_tracing_enabled"},
              {"CacheClusterEnabled", "cache_cluster_enabled"}, {"CacheClusterSize", "cache_cluster_size"}});
  b.copy_tags();
  if (const json* a = b.take("AccessLogSetting"))
    if (auto block = b.block(*a, "AccessLogSetting", {{"DestinationArn", "destination_arn"}, {"Format", "format"}}))
      b.body()["access_log_settings"] = *block;
  method_settings(b);
}

void api_key(ResourceBuilder& b) {
  b.copy_name("Name", "name", 1024);
  b.copy_all({{"Description", "description"}, {"Enabled", "enabled"}, {"Value", "value"}});
  b.copy_tags();
}

void usage_plan(ResourceBuilder& b) {
  b.copy_name("UsagePlanName", "name", 1024);
  b.copy("Description", "description");
  b.copy_tags();
  if (const json* stages = b.take("ApiStages"))
    if (const auto list = b.list(*stages, "ApiStages")) {
      json out = json::array();
      for (const json& s : *list)
        if (auto block = b.block(s, "ApiStages", {{"ApiId", "api_id"}, {"Stage", "stage"}})) out.push_back(*block);
      b.body()["api_stages"] = out;
    }
  if (const json* q = b.take("Quota"))
    if (auto block = b.block(*q, "Quota", {{"Limit", "limit"}, {"Offset", "offset"}, {"Period", "period"}}))
      b.body()["quota_settings"] = *block;
  if (const json* t = b.take("Throttle"))
    if (auto block = b.block(*t, "Throttle", {{"BurstLimit", "burst_limit"}, {"RateLimit", "rate_limit"}}))
      b.body()["throttle_settings"] = *block;
}

void usage_plan_key(ResourceBuilder& b) {
  b.copy_all({{"KeyId", "key_id"}, {"KeyType", "key_type"}, {"UsagePlanId", "usage_plan_id"}});
}

void http_api(ResourceBuilder& b) {
  b.copy_name("Name", "name", 128);
  b.copy_all({{"ProtocolType", "protocol_type"}, {"Description", "description"},
              {"RouteSelectionExpression", "route_selection_expression"}, {"Target", "target"},
              {"RouteKey", "route_key"}, {"CredentialsArn", "credentials_arn"},
              {"DisableExecuteApiEndpoint", "disable_execute_api_endpoint"},
              {"ApiKeySelectionExpression", "api_key_selection_expression"}, {"Version", "version"}});
  b.copy_document("Body", "body");
  b.copy_tags();
  if (const json* c = b.take("CorsConfiguration"))
    if (auto block = b.block(*c, "CorsConfiguration",
                             {{"AllowOrigins", "allow_origins"}, {"AllowMethods", "allow_methods"},
                              {"AllowHeaders", "allow_headers"}, {"ExposeHeaders", "expose_headers"},
                              {"MaxAge", "max_age"}, {"AllowCredentials", "allow_credentials"}}))
      b.body()["cors_configuration"] = *block;
}

void http_integration(ResourceBuilder& b) {
  b.copy_all({{"ApiId", "api_id"}, {"IntegrationType", "integration_type"}, {"IntegrationUri", "integration_uri"},
              {"IntegrationMethod", "integration_method"}, {"PayloadFormatVersion", "payload_format_version"},
              {"ConnectionType", "connection_type"}, {"ConnectionId", "connection_id"},
              {"CredentialsArn", "credentials_arn"}, {"Description", "description"},
              {"TimeoutInMillis", "timeout_milliseconds"}, {"RequestParameters", "request_parameters"},
              {"RequestTemplates", "request_templates"}, {"TemplateSelectionExpression", "template_selection_expression"},
              {"PassthroughBehavior", "passthrough_behavior"}, {"IntegrationSubtype", "integration_subtype"}});
}

void route(ResourceBuilder& b) {
  b.copy_all({{"ApiId", "api_id"}, {"RouteKey", "route_key"}, {"Target", "target"},
              {"AuthorizationType", "authorization_type"}, {"AuthorizerId", "authorizer_id"},
              {"ApiKeyRequired", "api_key_required"}, {"OperationName", "operation_name"},
              {"AuthorizationScopes", "authorization_scopes"}});
}

void http_stage(ResourceBuilder& b) {
  b.copy_all({{"ApiId", "api_id"}, {"StageName", "name"}, {"AutoDeploy", "auto_deploy"},
              {"DeploymentId", "deployment_id"}, {"Description", "description"}, {"StageVariables", "stage_variables"}});
  b.copy_tags();
  if (const json* a = b.take("AccessLogSettings"))
    if (auto block = b.block(*a, "AccessLogSettings", {{"DestinationArn", "destination_arn"}, {"Format", "format"}}))
      b.body()["access_log_settings"] = *block;
  if (const json* d = b.take("DefaultRouteSettings"))
    if (auto block = b.block(*d, "DefaultRouteSettings",
                             {{"DetailedMetricsEnabled", "detailed_metrics_enabled"},
                              {"ThrottlingBurstLimit", "throttling_burst_limit"},
                              {"ThrottlingRateLimit", "throttling_rate_limit"},
                              {"DataTraceEnabled", "data_trace_enabled"}, {"LoggingLevel", "logging_level"}}))
      b.body()["default_route_settings"] = *block;
}

void http_deployment(ResourceBuilder& b) { b.copy_all({{"ApiId", "api_id"}, {"Description", "description"}}); }

}  // namespace

void add_apigateway_types(ResourceTable& table) {
  table["AWS::ApiGateway::RestApi"] = {"aws_api_gateway_rest_api", "id",
                                       {{"RootResourceId", "root_resource_id"}, {"RestApiId", "id"}}, rest_api};
  table["AWS::ApiGateway::Resource"] = {"aws_api_gateway_resource", "id", {{"ResourceId", "id"}}, api_resource};
  table["AWS::ApiGateway::Method"] = {"aws_api_gateway_method", "id", {}, method};
  table["AWS::ApiGateway::Deployment"] = {"aws_api_gateway_deployment", "id", {{"DeploymentId", "id"}}, deployment};
  table["AWS::ApiGateway::Stage"] = {"aws_api_gateway_stage", "stage_name", {}, stage};
  table["AWS::ApiGateway::ApiKey"] = {"aws_api_gateway_api_key", "id", {{"APIKeyId", "id"}}, api_key};
  table["AWS::ApiGateway::UsagePlan"] = {"aws_api_gateway_usage_plan", "id", {{"Id", "id"}}, usage_plan};
  table["AWS::ApiGateway::UsagePlanKey"] = {"aws_api_gateway_usage_plan_key", "id", {{"Id", "id"}}, usage_plan_key};
  table["AWS::ApiGatewayV2::Api"] = {"aws_apigatewayv2_api", "id", {{"ApiEndpoint", "api_endpoint"}, {"ApiId", "id"}},
                                     http_api};
  table["AWS::ApiGatewayV2::Integration"] = {"aws_apigatewayv2_integration", "id", {{"IntegrationId", "id"}},
                                             http_integration};
  table["AWS::ApiGatewayV2::Route"] = {"aws_apigatewayv2_route", "id", {{"RouteId", "id"}}, route};
  table["AWS::ApiGatewayV2::Stage"] = {"aws_apigatewayv2_stage", "name", {}, http_stage};
  table["AWS::ApiGatewayV2::Deployment"] = {"aws_apigatewayv2_deployment", "id", {{"DeploymentId", "id"}},
                                            http_deployment};
}

}  // namespace lsqm::cfn
