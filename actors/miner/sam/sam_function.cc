#include "actors/miner/sam/sam_function.h"

#include <set>

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/sam/sam_policies.h"
#include "actors/miner/template_expansion.h"

namespace lsqm::sam {
namespace {

using nlohmann::json;

// Properties AWS::Lambda::Function takes under the same name.
const std::initializer_list<const char*> kSameNamed = {
    "Handler", "Runtime", "Description", "MemorySize", "Timeout", "Environment", "VpcConfig",
    "KmsKeyArn", "Layers", "ReservedConcurrentExecutions", "FunctionName", "Architectures",
    "EphemeralStorage", "LoggingConfig", "PackageType", "ImageConfig", "CodeSigningConfigArn",
    "FileSystemConfigs", "RuntimeManagementConfig", "SnapStart"};

// Every property the expansion understands: the same-named ones and those it maps.
const std::set<std::string>& known_properties() {
  static const std::set<std::string> known = [] {
    std::set<std::string> names(kSameNamed.begin(), kSameNamed.end());
    names.insert({"CodeUri", "InlineCode", "ImageUri", "Role", "Policies", "PermissionsBoundary",
                  "AssumeRolePolicyDocument", "RolePath", "Events", "Tags", "Tracing", "DeadLetterQueue",
                  "AutoPublishAlias", "AutoPublishCodeSha256", "AutoPublishAliasAllProperties",
                  "ProvisionedConcurrencyConfig", "PropagateTags", "FunctionUrlConfig"});
    return names;
  }();
  return known;
}

json function_code(const json& properties) {
  if (properties.contains("InlineCode")) return {{"ZipFile", properties["InlineCode"]}};
  if (properties.contains("ImageUri")) return {{"ImageUri", properties["ImageUri"]}};
  if (properties.value("PackageType", "") == "Image") throw ExpansionRefused("needs build: container image");
  return code_location(properties.value("CodeUri", json(".")), "CodeUri");
}

void add_unique(json& list, const json& value) {
  for (const auto& present : list)
    if (present == value) return;
  list.push_back(value);
}

json execution_role(const std::string& id, const json& properties, const FunctionEvents& events) {
  json managed = json::array({managed_policy_arn("AWSLambdaBasicExecutionRole")});
  if (properties.contains("Tracing") && properties["Tracing"] == "Active")
    add_unique(managed, managed_policy_arn("AWSXrayWriteOnlyAccess"));
  for (const auto& arn : events.managed_policy_arns) add_unique(managed, arn);
  json role = {{"AssumeRolePolicyDocument",
                properties.value("AssumeRolePolicyDocument", cfn::assume_role_policy("lambda.amazonaws.com"))}};
  if (properties.contains("Policies")) {
    RolePolicies policies = role_policies(properties["Policies"], id + "Role");
    for (const auto& arn : policies.managed_policy_arns) add_unique(managed, arn);
    if (!policies.policies.empty()) role["Policies"] = policies.policies;
  }
  if (!events.role_statements.empty())
    role["Policies"].push_back({{"PolicyName", id + "RoleEventSourcePolicy"},
                                {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", events.role_statements}}}});
  role["ManagedPolicyArns"] = managed;
  cfn::copy_present(properties, role, {"PermissionsBoundary"});
  if (properties.contains("RolePath")) role["Path"] = properties["RolePath"];
  if (properties.contains("Tags")) role["Tags"] = cfn::tag_list(properties["Tags"]);
  return cfn::resource("AWS::IAM::Role", std::move(role));
}

json lambda_function(const std::string& id, const json& properties) {
  json function = {{"Code", function_code(properties)}};
  cfn::copy_present(properties, function, kSameNamed);
  function["Role"] = properties.contains("Role") ? properties["Role"] : cfn::get_att(id + "Role", "Arn");
  if (properties.contains("Tags")) function["Tags"] = cfn::tag_list(properties["Tags"]);
  if (properties.contains("Tracing")) function["TracingConfig"] = {{"Mode", properties["Tracing"]}};
  if (properties.contains("DeadLetterQueue")) {
    const json& queue = properties["DeadLetterQueue"];
    if (!queue.is_object() || !queue.contains("TargetArn"))
      throw ExpansionRefused("SAM Function " + id + ": DeadLetterQueue without TargetArn");
    function["DeadLetterConfig"] = {{"TargetArn", queue["TargetArn"]}};
  }
  return cfn::resource("AWS::Lambda::Function", std::move(function));
}

// AutoPublishAlias: a version of the function and an alias pointing at it.
void publish_alias(const std::string& id, const json& properties, json& resources) {
  const json& alias_name = properties["AutoPublishAlias"];
  if (!alias_name.is_string()) throw ExpansionRefused("SAM Function " + id + ": AutoPublishAlias is not a string");
  std::string version_id = id + "Version";
  resources[version_id] = cfn::resource("AWS::Lambda::Version", {{"FunctionName", cfn::ref(id)}});
  json alias = {{"Name", alias_name},
                {"FunctionName", cfn::ref(id)},
                {"FunctionVersion", cfn::get_att(version_id, "Version")}};
  cfn::copy_present(properties, alias, {"ProvisionedConcurrencyConfig"});
  resources[id + "Alias" + cfn::alnum_id(alias_name.get<std::string>())] =
      cfn::resource("AWS::Lambda::Alias", std::move(alias));
}

// FunctionUrlConfig: the function URL, public when AuthType NONE.
void function_url(const std::string& id, const json& properties, json& resources) {
  const json& config = properties["FunctionUrlConfig"];
  if (!config.is_object() || !config.contains("AuthType")) throw ExpansionRefused("SAM Function " + id + ": FunctionUrlConfig without AuthType");
  json url = {{"AuthType", config["AuthType"]}, {"TargetFunctionArn", cfn::ref(id)}};
  cfn::copy_present(config, url, {"Cors", "InvokeMode"});
  cfn::add_function_url(resources, id + "Url", id + "UrlPublicPermissions", std::move(url), cfn::ref(id));
}

}  // namespace

json code_location(const json& uri, const std::string& what) {
  if (uri.is_object() && uri.contains("Bucket") && uri.contains("Key")) {
    json code = {{"S3Bucket", uri["Bucket"]}, {"S3Key", uri["Key"]}};
    if (uri.contains("Version")) code["S3ObjectVersion"] = uri["Version"];
    return code;
  }
  if (!uri.is_string()) throw ExpansionRefused("SAM " + what + " other than a path or S3 location not translated");
  std::string text = uri.get<std::string>();
  if (text.rfind("s3://", 0) != 0) return text;
  std::string rest = text.substr(5);
  std::size_t slash = rest.find('/');
  if (slash == std::string::npos) throw ExpansionRefused("SAM " + what + " " + text + " names no object");
  return {{"S3Bucket", rest.substr(0, slash)}, {"S3Key", rest.substr(slash + 1)}};
}

void expand_function(const std::string& id, const json& resource, json& resources, FunctionEvents& events) {
  const json properties = resource.value("Properties", json::object());
  if (!properties.is_object()) throw ExpansionRefused("SAM Function " + id + ": Properties is not a map");
  refuse_unknown_properties("SAM Function", properties, known_properties());
  events.function_id = id;
  events.condition = resource.value("Condition", json());
  if (properties.contains("Events")) {
    if (!properties["Events"].is_object()) throw ExpansionRefused("SAM Function " + id + ": Events is not a map");
    for (const auto& [name, event] : properties["Events"].items()) expand_function_event(name, event, resources, events);
  }
  json function = lambda_function(id, properties);
  cfn::copy_present(resource, function, {"Condition", "DependsOn", "Metadata"});
  resources[id] = std::move(function);
  if (!properties.contains("Role")) {
    json role = execution_role(id, properties, events);
    cfn::copy_present(resource, role, {"Condition"});
    resources[id + "Role"] = std::move(role);
  }
  if (properties.contains("AutoPublishAlias")) publish_alias(id, properties, resources);
  if (properties.contains("FunctionUrlConfig")) function_url(id, properties, resources);
}

}  // namespace lsqm::sam
