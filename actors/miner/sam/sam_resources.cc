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
  refuse_unknown_properties("SAM " + kind, properties, known);
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

// A Schedule / EventBridgeRule / CloudWatchEvent event of a state machine: a rule starting an
// execution through a role events.amazonaws.com may assume.
void state_machine_rule(const std::string& machine_id, const std::string& name, const json& event, json& resources) {
  std::string type = event.is_object() ? event.value("Type", std::string()) : std::string();
  if (type != "Schedule" && type != "EventBridgeRule" && type != "CloudWatchEvent")
    throw ExpansionRefused("SAM StateMachine event type " + (type.empty() ? std::string("(none)") : type) + " not translated");
  const json properties = event.value("Properties", json::object());
  std::string id = machine_id + name, role_id = id + "Role";
  json start = {{"Version", "2012-10-17"},
                {"Statement", json::array({{{"Effect", "Allow"}, {"Action", "states:StartExecution"}, {"Resource", cfn::ref(machine_id)}}})}};
  resources[role_id] = cfn::resource("AWS::IAM::Role",
                                     {{"AssumeRolePolicyDocument", cfn::assume_role_policy("events.amazonaws.com")},
                                      {"Policies", json::array({{{"PolicyName", role_id + "StartExecutionPolicy"}, {"PolicyDocument", start}}})}});
  json rule = json::object();
  const char* required = type == "Schedule" ? "Schedule" : "Pattern";
  if (!properties.contains(required)) throw ExpansionRefused("SAM StateMachine event " + id + " lacks " + required);
  rule[type == "Schedule" ? "ScheduleExpression" : "EventPattern"] = properties[required];
  cfn::copy_present(properties, rule, {"EventBusName", "Name", "Description", "State"});
  if (!rule.contains("State") && properties.value("Enabled", true) == false) rule["State"] = "DISABLED";
  json target = {{"Arn", cfn::ref(machine_id)}, {"Id", id + "StepFunctionsTarget"}, {"RoleArn", cfn::get_att(role_id, "Arn")}};
  cfn::copy_present(properties, target, {"Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig"});
  rule["Targets"] = json::array({std::move(target)});
  resources[id] = cfn::resource("AWS::Events::Rule", std::move(rule));
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
                                   "PropagateTags", "Events"});
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
  if (!properties.contains("Events")) return;
  if (!properties["Events"].is_object()) throw ExpansionRefused("SAM StateMachine " + id + ": Events is not a map");
  for (const auto& [name, event] : properties["Events"].items()) state_machine_rule(id, name, event, resources);
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
