#include "actors/miner/serverless/serverless_to_cloudformation.h"

#include <map>
#include <set>

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/sam/sam_globals.h"
#include "actors/miner/sam/sam_policies.h"
#include "actors/miner/serverless/serverless_events.h"
#include "actors/miner/serverless/serverless_plugins.h"
#include "actors/miner/serverless/serverless_variables.h"

namespace lsqm {
namespace {

using nlohmann::json;

const std::string kRoleId = "IamRoleLambdaExecution";

// Function settings whose meaning the expansion does not reproduce.
const std::set<std::string> kRefusedFunctionKeys = {
    "image", "destinations", "provisionedConcurrency", "fileSystemConfig", "maximumRetryAttempts",
    "maximumEventAge", "iamRoleStatements", "iamRoleStatementsName", "snapStart", "alarms"};

std::string service_name(const json& document) {
  const json& service = document.contains("service") ? document["service"] : json();
  if (service.is_string()) return service.get<std::string>();
  if (service.is_object() && service.contains("name") && service["name"].is_string()) return service["name"].get<std::string>();
  throw ExpansionRefused("serverless.yml has no service name");
}

// serverless' normalized function name: hello-world_x → HelloDashworldUnderscorex.
std::string normalized_function_name(const std::string& key) {
  std::string name;
  for (char c : key) name += c == '-' ? std::string("Dash") : c == '_' ? std::string("Underscore") : std::string(1, c);
  return cfn::alnum_id(name);
}

// A role setting: a literal ARN or an intrinsic as is; any other name is a role of the template.
json role_value(const json& role) {
  if (role.is_string() && role.get<std::string>().rfind("arn:", 0) != 0) return cfn::get_att(role.get<std::string>(), "Arn");
  return role;
}

class ServiceExpander {
 public:
  ServiceExpander(const json& document, const ServerlessOptions& options)
      : document_(document),
        provider_(document.value("provider", json::object())),
        service_(service_name(document)),
        stage_(effective_stage(document, options)) {}

  json expand() {
    if (provider_.value("name", json()) != "aws") throw ExpansionRefused("serverless provider is not aws");
    if (document_.contains("layers")) throw ExpansionRefused("serverless layers not translated");
    refuse_artifact(document_);
    json resources = json::object(), outputs = json::object();
    serverless::ServiceEvents events(resources, service_, stage_, provider_);
    const json functions = document_.value("functions", json::object());
    if (!functions.is_object()) throw ExpansionRefused("serverless functions is not a map");
    for (const auto& [key, function] : functions.items()) add_function(key, function, resources, events);
    events.finish(outputs);
    if (needs_role_) resources[kRoleId] = execution_role(events.role_statements());
    json template_ = {{"AWSTemplateFormatVersion", "2010-09-09"},
                      {"Description", "The AWS CloudFormation template for this Serverless application"},
                      {"Resources", std::move(resources)},
                      {"Outputs", std::move(outputs)}};
    merge_user_resources(template_);
    if (template_["Outputs"].empty()) template_.erase("Outputs");
    return template_;
  }

 private:
  static void refuse_artifact(const json& owner) {
    if (owner.contains("package") && owner["package"].is_object() && owner["package"].contains("artifact"))
      throw ExpansionRefused("needs build: package.artifact");
  }

  // The function's setting, else the provider's, else the framework default.
  json setting(const json& function, const char* key, json fallback) const {
    if (function.contains(key)) return function[key];
    if (provider_.contains(key)) return provider_[key];
    return fallback;
  }

  void add_function(const std::string& key, const json& function, json& resources, serverless::ServiceEvents& events) {
    if (!function.is_object()) throw ExpansionRefused("serverless function " + key + " is not a map");
    for (const auto& [name, value] : function.items())
      if (kRefusedFunctionKeys.count(name)) throw ExpansionRefused("serverless function setting " + name + " not translated");
    refuse_artifact(function);
    if (!function.contains("handler")) throw ExpansionRefused("serverless function " + key + " has no handler");
    serverless::FunctionIds ids{key, normalized_function_name(key), normalized_function_name(key) + "LambdaFunction"};
    std::string function_name = function.contains("name") && function["name"].is_string()
                                    ? function["name"].get<std::string>()
                                    : service_ + "-" + stage_ + "-" + key;
    std::string log_group_id = ids.normalized + "LogGroup";
    json log_group = {{"LogGroupName", "/aws/lambda/" + function_name}};
    if (provider_.contains("logRetentionInDays")) log_group["RetentionInDays"] = provider_["logRetentionInDays"];
    resources[log_group_id] = cfn::resource("AWS::Logs::LogGroup", std::move(log_group));
    json lambda = cfn::resource("AWS::Lambda::Function", function_properties(function, function_name));
    lambda["DependsOn"] = json::array({log_group_id});
    if (!lambda["Properties"].contains("Role")) {
      lambda["Properties"]["Role"] = cfn::get_att(kRoleId, "Arn");
      lambda["DependsOn"].push_back(kRoleId);
      needs_role_ = true;
    }
    resources[ids.logical_id] = std::move(lambda);
    if (function.contains("vpc") || provider_.contains("vpc")) uses_vpc_ = true;
    const json function_events = function.value("events", json::array());
    if (!function_events.is_array()) throw ExpansionRefused("serverless function " + key + ": events is not a list");
    for (const auto& event : function_events) events.add(ids, event);
    if (function.contains("url") && function["url"] != false) add_function_url(ids, function["url"], resources);
  }

  // url: true, or {authorizer: aws_iam, cors: true | {allowedOrigins, …}, invokeMode}.
  static void add_function_url(const serverless::FunctionIds& ids, const json& setting, json& resources) {
    json settings = setting.is_object() ? setting : json::object();
    refuse_unknown_properties("serverless function url", settings, {"authorizer", "cors", "invokeMode"});
    json url = {{"AuthType", settings.value("authorizer", "") == "aws_iam" ? "AWS_IAM" : "NONE"},
                {"TargetFunctionArn", cfn::get_att(ids.logical_id, "Arn")}};
    if (settings.contains("invokeMode")) url["InvokeMode"] = settings["invokeMode"];
    if (settings.contains("cors") && settings["cors"] != false) url["Cors"] = url_cors(settings["cors"]);
    cfn::add_function_url(resources, ids.logical_id + "Url", ids.normalized + "LambdaPermissionFnUrl", std::move(url),
                          cfn::get_att(ids.logical_id, "Arn"));
  }

  static json url_cors(const json& cors) {
    json result = {{"AllowOrigins", {"*"}},
                   {"AllowHeaders", {"Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"}},
                   {"AllowMethods", {"*"}}};
    if (!cors.is_object()) return result;
    static const std::map<std::string, std::string> names = {
        {"allowedOrigins", "AllowOrigins"}, {"allowedHeaders", "AllowHeaders"}, {"allowedMethods", "AllowMethods"},
        {"allowCredentials", "AllowCredentials"}, {"exposedResponseHeaders", "ExposeHeaders"}, {"maxAge", "MaxAge"}};
    for (const auto& [key, value] : cors.items()) {
      auto name = names.find(key);
      if (name == names.end()) throw ExpansionRefused("serverless function url cors." + key + " not translated");
      result[name->second] = value;
    }
    return result;
  }

  json function_properties(const json& function, const std::string& function_name) const {
    json properties = {{"Code", "."},
                       {"Handler", function["handler"]},
                       {"FunctionName", function_name},
                       {"Runtime", setting(function, "runtime", "nodejs20.x")},
                       {"MemorySize", setting(function, "memorySize", 1024)},
                       {"Timeout", setting(function, "timeout", 6)}};
    json variables = sam::merge_globals(provider_.value("environment", json::object()), function.value("environment", json::object()));
    if (!variables.empty()) properties["Environment"] = {{"Variables", variables}};
    json tags = sam::merge_globals(provider_.value("tags", json::object()), function.value("tags", json::object()));
    if (!tags.empty()) properties["Tags"] = cfn::tag_list(tags);
    if (function.contains("description")) properties["Description"] = function["description"];
    json layers = setting(function, "layers", json());
    if (!layers.is_null()) properties["Layers"] = layers;
    json vpc = setting(function, "vpc", json());
    if (vpc.is_object()) properties["VpcConfig"] = {{"SecurityGroupIds", vpc.value("securityGroupIds", json::array())},
                                                    {"SubnetIds", vpc.value("subnetIds", json::array())}};
    json architecture = setting(function, "architecture", json());
    if (!architecture.is_null()) properties["Architectures"] = json::array({architecture});
    if (function.contains("reservedConcurrency")) properties["ReservedConcurrentExecutions"] = function["reservedConcurrency"];
    if (function.contains("onError")) properties["DeadLetterConfig"] = {{"TargetArn", function["onError"]}};
    json tracing = function.contains("tracing") ? function["tracing"] : provider_.value("/tracing/lambda"_json_pointer, json());
    if (tracing == true || tracing == "Active") properties["TracingConfig"] = {{"Mode", "Active"}};
    json kms = setting(function, "kmsKeyArn", json());
    if (!kms.is_null()) properties["KmsKeyArn"] = kms;
    if (function.contains("role")) properties["Role"] = role_value(function["role"]);
    else if (auto provider_role = provider_role_setting(); !provider_role.is_null()) properties["Role"] = role_value(provider_role);
    return properties;
  }

  // provider.iam.role / provider.role when it names an existing role rather than configuring one.
  json provider_role_setting() const {
    json role = provider_.value("/iam/role"_json_pointer, provider_.value("role", json()));
    return role.is_object() && !cfn::is_intrinsic(role) ? json() : role;
  }

  json execution_role(const json& event_statements) const {
    json role_settings = provider_.value("/iam/role"_json_pointer, json::object());
    json statements = role_settings.value("statements", provider_.value("iamRoleStatements", json::array()));
    for (const auto& statement : event_statements) statements.push_back(statement);
    json managed = json::array({sam::managed_policy_arn("AWSLambdaBasicExecutionRole")});
    if (uses_vpc_) managed.push_back(sam::managed_policy_arn("AWSLambdaVPCAccessExecutionRole"));
    for (const auto& arn : role_settings.value("managedPolicies", provider_.value("iamManagedPolicies", json::array())))
      managed.push_back(arn);
    json role = {{"AssumeRolePolicyDocument", cfn::assume_role_policy("lambda.amazonaws.com")}, {"ManagedPolicyArns", managed}};
    if (!statements.empty())
      role["Policies"] = json::array({{{"PolicyName", service_ + "-" + stage_ + "-lambda"},
                                       {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", statements}}}}});
    if (role_settings.contains("permissionsBoundary")) role["PermissionsBoundary"] = role_settings["permissionsBoundary"];
    if (role_settings.contains("path")) role["Path"] = role_settings["path"];
    return cfn::resource("AWS::IAM::Role", std::move(role));
  }

  // resources: one map or a list of maps with Resources, Outputs, Conditions, Mappings.
  void merge_user_resources(json& template_) const {
    if (!document_.contains("resources")) return;
    const json& declared = document_["resources"];
    for (const json& part : declared.is_array() ? declared : json::array({declared})) {
      if (!part.is_object()) throw ExpansionRefused("serverless resources is not a map");
      for (const auto& [section, content] : part.items()) {
        if (section == "Description" || section == "AWSTemplateFormatVersion") continue;
        if (section != "Resources" && section != "Outputs" && section != "Conditions" && section != "Mappings")
          throw ExpansionRefused("serverless resources." + section + " not translated");
        if (!content.is_object()) throw ExpansionRefused("serverless resources." + section + " is not a map");
        json& into = template_[section];
        for (const auto& [id, value] : content.items())
          into[id] = into.contains(id) ? override_resource(into[id], value) : value;
      }
    }
  }

  // A user resource with a generated id overrides the generated one key by key.
  static json override_resource(json generated, const json& user) {
    if (!generated.is_object() || !user.is_object()) return user;
    for (const auto& [key, value] : user.items())
      generated[key] = generated.contains(key) ? override_resource(generated[key], value) : value;
    return generated;
  }

  const json& document_;
  json provider_;
  std::string service_, stage_;
  bool needs_role_ = false, uses_vpc_ = false;
};

}  // namespace

Expansion serverless_to_cloudformation(const json& serverless, const ServerlessOptions& options) {
  return guarded_expansion("malformed serverless.yml", [&](Expansion& expansion) {
    if (!serverless.is_object()) throw ExpansionRefused("serverless.yml is not a map");
    expansion.plugins = serverless_plugins(serverless.value("plugins", json()));
    check_serverless_plugins(expansion.plugins);
    json resolved = resolve_serverless_variables(serverless, options);
    expansion.cloudformation = apply_serverless_plugins(expansion.plugins, ServiceExpander(resolved, options).expand());
  });
}

}  // namespace lsqm
