#include "actors/miner/sam/sam_resources.h"

#include <map>
#include <set>

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/sam/sam_function.h"
#include "actors/miner/sam/sam_policies.h"
#include "actors/miner/template_expansion.h"

namespace lsqm::sam {
namespace {

using nlohmann::json;

json properties_of(const std::string& kind, const std::string& id, const json& resource,
                   const std::set<std::string>& known) {
  json properties = resource.value("Properties", json::object());
  if (!properties.is_object()) throw ExpansionRefused("SAM " + kind + " " + id + ": Properties is not a map");
  for (const auto& [name, value] : properties.items())
    if (!known.count(name)) throw ExpansionRefused("SAM " + kind + " property " + name + " not translated");
  return properties;
}

json with_resource_attributes(json expanded, const json& resource) {
  cfn::copy_present(resource, expanded, {"Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy"});
  return expanded;
}

std::string attribute_type(const json& type) {
  static const std::map<std::string, std::string> types = {{"String", "S"}, {"Number", "N"}, {"Binary", "B"}};
  auto found = type.is_string() ? types.find(type.get<std::string>()) : types.end();
  if (found == types.end()) throw ExpansionRefused("SAM SimpleTable PrimaryKey.Type " + type.dump() + " not translated");
  return found->second;
}

}  // namespace

void expand_simple_table(const std::string& id, const json& resource, json& resources) {
  json properties = properties_of("SimpleTable", id, resource,
                                  {"PrimaryKey", "ProvisionedThroughput", "TableName", "Tags", "SSESpecification",
                                   "PointInTimeRecoverySpecification"});
  json key = properties.value("PrimaryKey", json{{"Name", "id"}, {"Type", "String"}});
  if (!key.is_object() || !key.contains("Name")) throw ExpansionRefused("SAM SimpleTable " + id + ": PrimaryKey without Name");
  json table = {{"AttributeDefinitions", json::array({{{"AttributeName", key["Name"]},
                                                        {"AttributeType", attribute_type(key.value("Type", json("String")))}}})},
                {"KeySchema", json::array({{{"AttributeName", key["Name"]}, {"KeyType", "HASH"}}})}};
  if (properties.contains("ProvisionedThroughput"))
    table["ProvisionedThroughput"] = properties["ProvisionedThroughput"];
  else
    table["BillingMode"] = "PAY_PER_REQUEST";
  cfn::copy_present(properties, table, {"TableName", "SSESpecification", "PointInTimeRecoverySpecification"});
  if (properties.contains("Tags")) table["Tags"] = cfn::tag_list(properties["Tags"]);
  resources[id] = with_resource_attributes(cfn::resource("AWS::DynamoDB::Table", std::move(table)), resource);
}

void expand_state_machine(const std::string& id, const json& resource, json& resources) {
  json properties = properties_of("StateMachine", id, resource,
                                  {"Definition", "DefinitionUri", "DefinitionSubstitutions", "Role", "Policies",
                                   "Name", "Type", "Logging", "Tracing", "Tags", "PermissionsBoundary", "RolePath",
                                   "PropagateTags"});
  json machine = json::object();
  if (properties.contains("Definition")) {
    machine["Definition"] = properties["Definition"];
  } else if (properties.contains("DefinitionUri") && properties["DefinitionUri"].is_object()) {
    json location = code_location(properties["DefinitionUri"], "StateMachine DefinitionUri");
    machine["DefinitionS3Location"] = {{"Bucket", location["S3Bucket"]}, {"Key", location["S3Key"]}};
  } else {
    throw ExpansionRefused("SAM StateMachine DefinitionUri (a definition file) not translated");
  }
  cfn::copy_present(properties, machine, {"DefinitionSubstitutions"});
  if (properties.contains("Name")) machine["StateMachineName"] = properties["Name"];
  if (properties.contains("Type")) machine["StateMachineType"] = properties["Type"];
  if (properties.contains("Logging")) machine["LoggingConfiguration"] = properties["Logging"];
  if (properties.contains("Tracing")) machine["TracingConfiguration"] = properties["Tracing"];
  if (properties.contains("Tags")) machine["Tags"] = cfn::tag_list(properties["Tags"]);
  if (properties.contains("Role")) {
    machine["RoleArn"] = properties["Role"];
  } else {
    std::string role_id = id + "Role";
    json role = {{"AssumeRolePolicyDocument", cfn::assume_role_policy("states.amazonaws.com")}};
    RolePolicies policies = role_policies(properties.value("Policies", json::array()), role_id);
    if (!policies.managed_policy_arns.empty()) role["ManagedPolicyArns"] = policies.managed_policy_arns;
    if (!policies.policies.empty()) role["Policies"] = policies.policies;
    cfn::copy_present(properties, role, {"PermissionsBoundary"});
    if (properties.contains("RolePath")) role["Path"] = properties["RolePath"];
    json role_resource = cfn::resource("AWS::IAM::Role", std::move(role));
    cfn::copy_present(resource, role_resource, {"Condition"});
    resources[role_id] = std::move(role_resource);
    machine["RoleArn"] = cfn::get_att(role_id, "Arn");
  }
  resources[id] = with_resource_attributes(cfn::resource("AWS::StepFunctions::StateMachine", std::move(machine)), resource);
}

void expand_layer_version(const std::string& id, const json& resource, json& resources) {
  json properties = properties_of("LayerVersion", id, resource,
                                  {"ContentUri", "LayerName", "Description", "CompatibleRuntimes",
                                   "CompatibleArchitectures", "LicenseInfo", "RetentionPolicy"});
  if (!properties.contains("ContentUri")) throw ExpansionRefused("SAM LayerVersion " + id + " lacks ContentUri");
  json layer = {{"Content", code_location(properties["ContentUri"], "LayerVersion ContentUri")}};
  cfn::copy_present(properties, layer, {"LayerName", "Description", "CompatibleRuntimes", "CompatibleArchitectures", "LicenseInfo"});
  resources[id] = with_resource_attributes(cfn::resource("AWS::Lambda::LayerVersion", std::move(layer)), resource);
}

}  // namespace lsqm::sam
