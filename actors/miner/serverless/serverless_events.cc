#include "actors/miner/serverless/serverless_events.h"

#include <cctype>
#include <set>

#include "actors/miner/template_expansion.h"

namespace lsqm::serverless {
namespace {

using nlohmann::json;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

json function_arn(const FunctionIds& function) { return cfn::get_att(function.logical_id, "Arn"); }

void refuse_keys(const std::string& kind, const json& event, std::initializer_list<const char*> keys) {
  if (!event.is_object()) return;
  for (const char* key : keys)
    if (event.contains(key) && event[key] != false)
      throw ExpansionRefused("serverless " + kind + " event option " + key + " not translated");
}

// A name for logical ids from an ARN-valued setting: the resource a GetAtt / Ref names, or the
// last part of a literal ARN.
std::string source_name(const json& arn) {
  if (arn.is_object() && arn.contains("Fn::GetAtt") && arn["Fn::GetAtt"].is_array() && arn["Fn::GetAtt"][0].is_string())
    return cfn::alnum_id(arn["Fn::GetAtt"][0].get<std::string>());
  if (arn.is_object() && arn.contains("Ref") && arn["Ref"].is_string()) return cfn::alnum_id(arn["Ref"].get<std::string>());
  if (!arn.is_string()) throw ExpansionRefused("serverless event arn " + arn.dump().substr(0, 80) + " not understood");
  std::string text = arn.get<std::string>();
  std::size_t stream = text.find("/stream/");
  if (stream != std::string::npos && text.find(":table/") != std::string::npos) text = text.substr(0, stream);
  std::size_t cut = text.find_last_of(":/");
  return cfn::alnum_id(cut == std::string::npos ? text : text.substr(cut + 1));
}

json as_object(const json& event, const char* shorthand_key) {
  if (event.is_object()) return event;
  return {{shorthand_key, event}};
}

// "GET /users/{id}" → method and path.
std::pair<std::string, std::string> method_and_path(const std::string& shorthand) {
  std::size_t space = shorthand.find(' ');
  if (space == std::string::npos) return {shorthand, ""};
  std::string path = shorthand.substr(shorthand.find_first_not_of(' ', space));
  return {shorthand.substr(0, space), path};
}

std::string with_leading_slash(std::string path) { return !path.empty() && path[0] == '/' ? path : "/" + path; }

std::string joined(const json& list) {
  std::string text;
  for (const auto& item : list) text += (text.empty() ? "" : ",") + item.get<std::string>();
  return text;
}

// An http event's `cors`: true, or {origin | origins (one), headers, allowCredentials, maxAge}.
cfn::CorsPreflight cors_preflight(const json& cors) {
  cfn::CorsPreflight preflight;
  json headers = json::array({"Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token", "X-Amz-User-Agent", "X-Amzn-Trace-Id"});
  if (cors.is_object()) {
    for (const auto& [key, value] : cors.items())
      if (key != "origin" && key != "origins" && key != "headers" && key != "allowCredentials" && key != "maxAge")
        throw ExpansionRefused("serverless http event cors." + key + " not translated");
    json origins = cors.contains("origins") ? cors["origins"] : json::array({cors.value("origin", json("*"))});
    if (origins.size() != 1) throw ExpansionRefused("serverless http event cors with several origins not translated");
    preflight.allow_origin = "'" + origins[0].get<std::string>() + "'";
    if (cors.contains("headers")) headers = cors["headers"];
    if (cors.value("allowCredentials", false)) preflight.allow_credentials = "'true'";
    if (cors.contains("maxAge")) preflight.max_age = "'" + cors["maxAge"].dump() + "'";
  } else if (cors != true) {
    throw ExpansionRefused("serverless http event cors " + cors.dump() + " not translated");
  }
  preflight.allow_headers = "'" + joined(headers) + "'";
  return preflight;
}

// An http event's request.parameters (or the older request.paths / querystrings / headers):
// the method's RequestParameters, each marked required or not.
json request_parameters(const json& request) {
  if (!request.is_object()) throw ExpansionRefused("serverless http event request is not a map");
  const json& parameters = request.contains("parameters") ? request["parameters"] : request;
  for (const auto& [key, value] : request.items())
    if (key != "parameters" && key != "paths" && key != "querystrings" && key != "headers")
      throw ExpansionRefused("serverless http event request." + key + " not translated");
  json result = json::object();
  for (const auto& [kind, location] : {std::pair{"paths", "path"}, std::pair{"querystrings", "querystring"}, std::pair{"headers", "header"}}) {
    if (!parameters.contains(kind)) continue;
    for (const auto& [name, value] : parameters[kind].items()) {
      bool required = value.is_object() ? value.value("required", false) == true : value == true;
      result[std::string("method.request.") + location + "." + name] = required;
    }
  }
  return result;
}

json rule_input(const json& value) { return value.is_string() ? value : json(value.dump()); }

}  // namespace

ServiceEvents::ServiceEvents(json& resources, std::string service_name, std::string stage, const json& provider)
    : resources_(resources), service_name_(std::move(service_name)), stage_(std::move(stage)), provider_(provider) {}

void ServiceEvents::add_resource(const std::string& id, json resource) {
  if (resources_.contains(id)) throw ExpansionRefused("serverless expansion: logical id " + id + " used twice");
  resources_[id] = std::move(resource);
}

void ServiceEvents::add_statement(json actions, const json& resource) {
  role_statements_.push_back({{"Effect", "Allow"}, {"Action", std::move(actions)}, {"Resource", json::array({resource})}});
}

int ServiceEvents::next_index(const std::string& counter) { return ++counters_[counter]; }

void ServiceEvents::add(const FunctionIds& function, const json& event) {
  if (!event.is_object() || event.size() != 1) throw ExpansionRefused("serverless event of " + function.key + " is not a single-key map");
  const std::string& kind = event.begin().key();
  const json& settings = event.begin().value();
  if (kind == "http") return http(function, settings);
  if (kind == "httpApi") return http_api(function, settings);
  if (kind == "sqs") return sqs(function, settings);
  if (kind == "stream") return stream(function, settings);
  if (kind == "sns") return sns(function, settings);
  if (kind == "s3") return s3(function, settings);
  if (kind == "schedule") return schedule(function, settings);
  if (kind == "eventBridge") return event_bridge(function, settings);
  throw ExpansionRefused("serverless event " + kind + " not translated");
}

void ServiceEvents::http(const FunctionIds& function, const json& event) {
  json settings = event.is_string() ? json::object() : event;
  std::string method, path;
  if (event.is_string()) {
    std::tie(method, path) = method_and_path(event.get<std::string>());
  } else {
    method = settings.value("method", std::string());
    path = settings.value("path", std::string());
  }
  refuse_keys("http", settings, {"authorizer", "private", "async", "response", "connectionType"});
  if (settings.contains("integration") && lower(settings["integration"].get<std::string>()) != "lambda-proxy" &&
      lower(settings["integration"].get<std::string>()) != "aws_proxy")
    throw ExpansionRefused("serverless http event integration " + settings["integration"].get<std::string>() + " not translated");
  if (method.empty()) throw ExpansionRefused("serverless http event of " + function.key + " has no method");
  if (provider_.contains("apiGateway") && provider_["apiGateway"].is_object() && provider_["apiGateway"].contains("restApiId"))
    throw ExpansionRefused("serverless provider.apiGateway.restApiId (a shared API) not translated");
  if (!rest_paths_) rest_paths_ = std::make_unique<cfn::RestApiPaths>(resources_, "ApiGatewayRestApi", "ApiGatewayResource", "ApiGatewayMethod");
  std::string verb = upper(method) == "*" ? "ANY" : upper(method);
  json method_properties = json::object();
  if (settings.contains("request")) method_properties["RequestParameters"] = request_parameters(settings["request"]);
  rest_paths_->add_lambda_method(with_leading_slash(path), verb, function.logical_id, method_properties);
  if (settings.contains("cors") && settings["cors"] != false) rest_paths_->enable_cors(with_leading_slash(path), cors_preflight(settings["cors"]));
  std::string permission_id = function.normalized + "LambdaPermissionApiGateway";
  if (!resources_.contains(permission_id))
    add_resource(permission_id, cfn::lambda_permission(function_arn(function), "apigateway.amazonaws.com",
                                                       cfn::sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiGatewayRestApi}/*/*")));
}

void ServiceEvents::http_api(const FunctionIds& function, const json& event) {
  std::string method, path;
  if (event.is_string()) {
    std::tie(method, path) = event == "*" ? std::pair<std::string, std::string>{"*", ""} : method_and_path(event.get<std::string>());
  } else if (event.is_object()) {
    refuse_keys("httpApi", event, {"authorizer"});
    method = event.value("method", std::string("*"));
    path = event.value("path", std::string());
  } else {
    throw ExpansionRefused("serverless httpApi event of " + function.key + " not understood");
  }
  http_api_used_ = true;
  std::string integration_id = "HttpApiIntegration" + function.normalized;
  if (!resources_.contains(integration_id))
    add_resource(integration_id, cfn::resource("AWS::ApiGatewayV2::Integration",
                                               {{"ApiId", cfn::ref("HttpApi")},
                                                {"IntegrationType", "AWS_PROXY"},
                                                {"IntegrationUri", function_arn(function)},
                                                {"PayloadFormatVersion", provider_.value("/httpApi/payload"_json_pointer, json("2.0"))}}));
  std::string route_key = method == "*" && path.empty() ? "$default" : (method == "*" ? "ANY" : upper(method)) + " " + path;
  std::string route_id = "HttpApiRoute" + (route_key == "$default" ? std::string("Default") : cfn::alnum_id(lower(method == "*" ? "any" : method)) + cfn::alnum_id(path));
  add_resource(route_id, cfn::resource("AWS::ApiGatewayV2::Route",
                                       {{"ApiId", cfn::ref("HttpApi")},
                                        {"RouteKey", route_key},
                                        {"Target", {{"Fn::Join", json::array({"/", json::array({"integrations", cfn::ref(integration_id)})})}}}}));
  std::string permission_id = function.normalized + "LambdaPermissionHttpApi";
  if (!resources_.contains(permission_id))
    add_resource(permission_id, cfn::lambda_permission(function_arn(function), "apigateway.amazonaws.com",
                                                       cfn::sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${HttpApi}/*")));
}

void ServiceEvents::sqs(const FunctionIds& function, const json& event) {
  json settings = as_object(event, "arn");
  if (!settings.contains("arn")) throw ExpansionRefused("serverless sqs event of " + function.key + " has no arn");
  json options = json::object();
  options["BatchSize"] = settings.value("batchSize", json(10));
  if (settings.contains("maximumBatchingWindow")) options["MaximumBatchingWindowInSeconds"] = settings["maximumBatchingWindow"];
  if (settings.contains("enabled")) options["Enabled"] = settings["enabled"];
  if (settings.contains("functionResponseType")) options["FunctionResponseTypes"] = json::array({settings["functionResponseType"]});
  if (settings.contains("filterPatterns")) {
    json filters = json::array();
    for (const auto& pattern : settings["filterPatterns"]) filters.push_back({{"Pattern", pattern.dump()}});
    options["FilterCriteria"] = {{"Filters", filters}};
  }
  json mapping = cfn::event_source_mapping(function_arn(function), settings["arn"], options);
  mapping["DependsOn"] = json::array({"IamRoleLambdaExecution"});
  add_resource(function.normalized + "EventSourceMappingSQS" + source_name(settings["arn"]), std::move(mapping));
  add_statement({"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}, settings["arn"]);
}

void ServiceEvents::stream(const FunctionIds& function, const json& event) {
  json settings = as_object(event, "arn");
  if (!settings.contains("arn")) throw ExpansionRefused("serverless stream event of " + function.key + " has no arn");
  const json& arn = settings["arn"];
  std::string type = settings.value("type", std::string());
  if (type.empty() && arn.is_string())
    type = arn.get<std::string>().find(":dynamodb:") != std::string::npos ? "dynamodb" : "kinesis";
  if (type != "dynamodb" && type != "kinesis") throw ExpansionRefused("serverless stream event of " + function.key + " has no type");
  refuse_keys("stream", settings, {"consumer"});
  json options = {{"BatchSize", settings.value("batchSize", json(10))},
                  {"StartingPosition", settings.value("startingPosition", json("TRIM_HORIZON"))}};
  if (settings.contains("enabled")) options["Enabled"] = settings["enabled"];
  if (settings.contains("maximumRetryAttempts")) options["MaximumRetryAttempts"] = settings["maximumRetryAttempts"];
  if (settings.contains("bisectBatchOnFunctionError")) options["BisectBatchOnFunctionError"] = settings["bisectBatchOnFunctionError"];
  if (settings.contains("parallelizationFactor")) options["ParallelizationFactor"] = settings["parallelizationFactor"];
  json mapping = cfn::event_source_mapping(function_arn(function), arn, options);
  mapping["DependsOn"] = json::array({"IamRoleLambdaExecution"});
  add_resource(function.normalized + "EventSourceMapping" + cfn::alnum_id(type) + source_name(arn), std::move(mapping));
  add_statement({type + ":GetRecords", type + ":GetShardIterator", type + ":DescribeStream", type + ":ListStreams"}, arn);
}

void ServiceEvents::sns(const FunctionIds& function, const json& event) {
  json settings = event.is_string() ? (event.get<std::string>().rfind("arn:", 0) == 0 ? json{{"arn", event}} : json{{"topicName", event}})
                                    : event;
  json topic_arn;
  std::string name;
  if (settings.contains("arn")) {
    topic_arn = settings["arn"];
    name = settings.contains("topicName") ? cfn::alnum_id(settings["topicName"].get<std::string>()) : source_name(topic_arn);
  } else if (settings.contains("topicName") && settings["topicName"].is_string()) {
    name = cfn::alnum_id(settings["topicName"].get<std::string>());
    std::string topic_id = "SNSTopic" + name;
    if (!resources_.contains(topic_id)) {
      json topic = {{"TopicName", settings["topicName"]}};
      if (settings.contains("displayName")) topic["DisplayName"] = settings["displayName"];
      add_resource(topic_id, cfn::resource("AWS::SNS::Topic", std::move(topic)));
    }
    topic_arn = cfn::ref(topic_id);
  } else {
    throw ExpansionRefused("serverless sns event of " + function.key + " names no topic");
  }
  json subscription = {{"TopicArn", topic_arn}, {"Protocol", "lambda"}, {"Endpoint", function_arn(function)}};
  if (settings.contains("filterPolicy")) subscription["FilterPolicy"] = settings["filterPolicy"];
  if (settings.contains("filterPolicyScope")) subscription["FilterPolicyScope"] = settings["filterPolicyScope"];
  add_resource(function.normalized + "SnsSubscription" + name, cfn::resource("AWS::SNS::Subscription", std::move(subscription)));
  add_resource(function.normalized + "LambdaPermission" + name + "SNS",
               cfn::lambda_permission(function_arn(function), "sns.amazonaws.com", topic_arn));
}

void ServiceEvents::s3(const FunctionIds& function, const json& event) {
  json settings = as_object(event, "bucket");
  refuse_keys("s3", settings, {"existing", "forceDeploy"});
  if (!settings.contains("bucket") || !settings["bucket"].is_string())
    throw ExpansionRefused("serverless s3 event of " + function.key + " names no bucket");
  std::string bucket_name = settings["bucket"].get<std::string>();
  std::string bucket_id = "S3Bucket" + cfn::alnum_id(bucket_name);
  std::string permission_id = function.normalized + "LambdaPermission" + cfn::alnum_id(bucket_name) + "S3";
  if (!resources_.contains(bucket_id)) add_resource(bucket_id, cfn::resource("AWS::S3::Bucket", {{"BucketName", bucket_name}}));
  json configuration = {{"Event", settings.value("event", json("s3:ObjectCreated:*"))}, {"Function", function_arn(function)}};
  if (settings.contains("rules")) {
    json rules = json::array();
    for (const auto& rule : settings["rules"])
      for (const auto& [name, value] : rule.items()) rules.push_back({{"Name", name}, {"Value", value}});
    configuration["Filter"] = {{"S3Key", {{"Rules", rules}}}};
  }
  json& bucket = resources_[bucket_id];
  bucket["Properties"]["NotificationConfiguration"]["LambdaConfigurations"].push_back(std::move(configuration));
  bucket["DependsOn"].push_back(permission_id);
  if (resources_.contains(permission_id)) return;
  json permission = cfn::lambda_permission(function_arn(function), "s3.amazonaws.com", cfn::sub("arn:${AWS::Partition}:s3:::" + bucket_name));
  permission["Properties"]["SourceAccount"] = cfn::ref("AWS::AccountId");
  add_resource(permission_id, std::move(permission));
}

void ServiceEvents::schedule(const FunctionIds& function, const json& event) {
  json settings = as_object(event, "rate");
  refuse_keys("schedule", settings, {"method", "timezone"});
  json rates = settings.value("rate", json());
  if (rates.is_string()) rates = json::array({rates});
  if (!rates.is_array() || rates.empty()) throw ExpansionRefused("serverless schedule event of " + function.key + " has no rate");
  for (const auto& rate : rates) {
    int index = next_index(function.normalized + "Schedule");
    std::string rule_id = function.normalized + "EventsRuleSchedule" + std::to_string(index);
    json target = {{"Arn", function_arn(function)}, {"Id", function.normalized + "Schedule"}};
    if (settings.contains("input")) target["Input"] = rule_input(settings["input"]);
    if (settings.contains("inputPath")) target["InputPath"] = settings["inputPath"];
    json rule = {{"ScheduleExpression", rate},
                 {"State", settings.value("enabled", true) ? "ENABLED" : "DISABLED"},
                 {"Targets", json::array({target})}};
    if (settings.contains("name")) rule["Name"] = settings["name"];
    if (settings.contains("description")) rule["Description"] = settings["description"];
    add_resource(rule_id, cfn::resource("AWS::Events::Rule", std::move(rule)));
    add_resource(function.normalized + "LambdaPermissionEventsRuleSchedule" + std::to_string(index),
                 cfn::lambda_permission(function_arn(function), "events.amazonaws.com", cfn::get_att(rule_id, "Arn")));
  }
}

void ServiceEvents::event_bridge(const FunctionIds& function, const json& event) {
  if (!event.is_object()) throw ExpansionRefused("serverless eventBridge event of " + function.key + " is not a map");
  refuse_keys("eventBridge", event, {"deadLetterQueueArn", "retryPolicy"});
  int index = next_index(function.normalized + "EventBridge");
  std::string rule_id = function.normalized + "EventBridgeRule" + std::to_string(index);
  json rule = json::object();
  if (event.contains("pattern")) rule["EventPattern"] = event["pattern"];
  if (event.contains("schedule")) rule["ScheduleExpression"] = event["schedule"];
  if (rule.empty()) throw ExpansionRefused("serverless eventBridge event of " + function.key + " has neither pattern nor schedule");
  if (event.contains("eventBus")) {
    const json& bus = event["eventBus"];
    bool named = bus.is_string() && bus != "default" && bus.get<std::string>().rfind("arn:", 0) != 0;
    if (named) {
      std::string bus_id = cfn::alnum_id(bus.get<std::string>()) + "EventBridgeEventBus";
      if (!resources_.contains(bus_id)) add_resource(bus_id, cfn::resource("AWS::Events::EventBus", {{"Name", bus}}));
      rule["EventBusName"] = cfn::ref(bus_id);
    } else {
      rule["EventBusName"] = bus;
    }
  }
  if (event.contains("name")) rule["Name"] = event["name"];
  rule["State"] = event.value("enabled", true) ? "ENABLED" : "DISABLED";
  json target = {{"Arn", function_arn(function)}, {"Id", function.normalized + "EventBridgeTarget"}};
  if (event.contains("input")) target["Input"] = rule_input(event["input"]);
  if (event.contains("inputPath")) target["InputPath"] = event["inputPath"];
  if (event.contains("inputTransformer")) {
    const json& transformer = event["inputTransformer"];
    target["InputTransformer"] = {{"InputTemplate", transformer.value("inputTemplate", json(""))}};
    if (transformer.contains("inputPathsMap")) target["InputTransformer"]["InputPathsMap"] = transformer["inputPathsMap"];
  }
  rule["Targets"] = json::array({std::move(target)});
  add_resource(rule_id, cfn::resource("AWS::Events::Rule", std::move(rule)));
  add_resource(function.normalized + "EventBridgeLambdaPermission" + std::to_string(index),
               cfn::lambda_permission(function_arn(function), "events.amazonaws.com", cfn::get_att(rule_id, "Arn")));
}

void ServiceEvents::finish(json& outputs) {
  if (rest_paths_) {
    rest_paths_->add_cors_preflights();
    json api = {{"Name", stage_ + "-" + service_name_}};
    if (provider_.contains("endpointType")) api["EndpointConfiguration"] = {{"Types", json::array({upper(provider_["endpointType"].get<std::string>())})}};
    add_resource("ApiGatewayRestApi", cfn::resource("AWS::ApiGateway::RestApi", std::move(api)));
    json deployment = cfn::resource("AWS::ApiGateway::Deployment", {{"RestApiId", cfn::ref("ApiGatewayRestApi")}});
    deployment["DependsOn"] = rest_paths_->method_ids();
    add_resource("ApiGatewayDeployment", std::move(deployment));
    add_resource("ApiGatewayStage", cfn::resource("AWS::ApiGateway::Stage", {{"RestApiId", cfn::ref("ApiGatewayRestApi")},
                                                                             {"DeploymentId", cfn::ref("ApiGatewayDeployment")},
                                                                             {"StageName", stage_}}));
    outputs["ServiceEndpoint"] = {{"Value", cfn::sub("https://${ApiGatewayRestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" + stage_)}};
  }
  if (http_api_used_) {
    json api = {{"Name", stage_ + "-" + service_name_}, {"ProtocolType", "HTTP"}};
    json cors = provider_.value("/httpApi/cors"_json_pointer, json());
    if (cors == true)
      api["CorsConfiguration"] = {{"AllowOrigins", {"*"}},
                                  {"AllowHeaders", {"Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token", "X-Amz-User-Agent", "X-Amzn-Trace-Id"}},
                                  {"AllowMethods", {"*"}}};
    else if (!cors.is_null() && cors != false)
      throw ExpansionRefused("serverless provider.httpApi.cors other than true not translated");
    add_resource("HttpApi", cfn::resource("AWS::ApiGatewayV2::Api", std::move(api)));
    add_resource("HttpApiStage", cfn::resource("AWS::ApiGatewayV2::Stage",
                                               {{"ApiId", cfn::ref("HttpApi")}, {"StageName", "$default"}, {"AutoDeploy", true}}));
    outputs["HttpApiUrl"] = {{"Value", cfn::sub("https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}")}};
  }
}

}  // namespace lsqm::serverless
