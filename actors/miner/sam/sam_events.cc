#include "actors/miner/sam/sam_events.h"

#include <functional>
#include <map>

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/sam/sam_policies.h"
#include "actors/miner/template_expansion.h"

namespace lsqm::sam {
namespace {

using nlohmann::json;

struct Event {
  std::string id;  // <Function><Event>
  const json& properties;
  json& resources;
  FunctionEvents& owner;
};

void add(Event& e, const std::string& id, json resource) {
  if (e.resources.contains(id)) throw ExpansionRefused("SAM expansion: logical id " + id + " used twice");
  if (!e.owner.condition.is_null()) resource["Condition"] = e.owner.condition;
  e.resources[id] = std::move(resource);
}

json function_arn(const Event& e) { return cfn::get_att(e.owner.function_id, "Arn"); }

const json& required(const Event& e, const char* name) {
  if (!e.properties.contains(name))
    throw ExpansionRefused("SAM event " + e.id + " lacks " + std::string(name));
  return e.properties[name];
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string method_of(const json& properties) {
  std::string method = upper(properties.value("Method", std::string("ANY")));
  return method == "X-AMAZON-APIGATEWAY-ANY-METHOD" ? "ANY" : method;
}

// RestApiId / ApiId: absent → the implicit API; a Ref to an API in the template.
std::string api_id_of(const Event& e, const char* property, const std::string& implicit) {
  if (!e.properties.contains(property)) return implicit;
  const json& id = e.properties[property];
  if (id.is_object() && id.contains("Ref") && id["Ref"].is_string()) return id["Ref"].get<std::string>();
  throw ExpansionRefused("SAM event " + e.id + ": " + property + " is not a Ref to an API of the template");
}

void refuse_authorizer(const Event& e) {
  if (!e.properties.contains("Auth")) return;
  const json& auth = e.properties["Auth"];
  if (auth.is_object() && auth.contains("Authorizer") && auth["Authorizer"] != "NONE")
    throw ExpansionRefused("SAM event " + e.id + ": Auth.Authorizer not translated");
}

// An Api event's Auth (API keys, no authorizer) is read by sam_api_auth with the API's.
void api_event(Event& e) {
  std::string api = api_id_of(e, "RestApiId", "ServerlessRestApi");
  e.owner.rest_routes.push_back(
      {api, required(e, "Path").get<std::string>(), method_of(e.properties), e.owner.function_id, e.id, e.properties});
  add(e, e.id + "Permission",
      cfn::lambda_permission(cfn::ref(e.owner.function_id), "apigateway.amazonaws.com",
                             cfn::sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" +
                                      api + "}/*")));
}

void http_api_event(Event& e) {
  refuse_authorizer(e);
  std::string api = api_id_of(e, "ApiId", "ServerlessHttpApi");
  std::string path = e.properties.value("Path", std::string());
  std::string method = e.properties.contains("Method") ? method_of(e.properties) : "";
  e.owner.http_routes.push_back({api, path, method, e.owner.function_id, e.id, e.properties});
  add(e, e.id + "Permission",
      cfn::lambda_permission(cfn::ref(e.owner.function_id), "apigateway.amazonaws.com",
                             cfn::sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${" +
                                      api + "}/*")));
}

json mapping_options(const json& properties) {
  json extra = json::object();
  cfn::copy_present(properties, extra,
               {"BatchSize", "Enabled", "MaximumBatchingWindowInSeconds", "FilterCriteria",
                "FunctionResponseTypes", "StartingPosition", "StartingPositionTimestamp",
                "BisectBatchOnFunctionError", "MaximumRecordAgeInSeconds", "MaximumRetryAttempts",
                "ParallelizationFactor", "TumblingWindowInSeconds", "DestinationConfig",
                "ScalingConfig", "Topics", "Queues", "SourceAccessConfigurations"});
  return extra;
}

void queue_event(Event& e) {
  add(e, e.id, cfn::event_source_mapping(cfn::ref(e.owner.function_id), required(e, "Queue"), mapping_options(e.properties)));
  e.owner.managed_policy_arns.push_back(managed_policy_arn("AWSLambdaSQSQueueExecutionRole"));
}

void stream_event(Event& e, const char* managed_policy) {
  add(e, e.id, cfn::event_source_mapping(cfn::ref(e.owner.function_id), required(e, "Stream"), mapping_options(e.properties)));
  e.owner.managed_policy_arns.push_back(managed_policy_arn(managed_policy));
}

void allow(Event& e, json actions, json resource) {
  e.owner.role_statements.push_back({{"Effect", "Allow"}, {"Action", std::move(actions)}, {"Resource", std::move(resource)}});
}

// The secret a broker or cluster event reads its credentials from (BASIC_AUTH), if any.
void allow_access_secret(Event& e) {
  for (const auto& access : e.properties.value("SourceAccessConfigurations", json::array()))
    if (access.is_object() && access.contains("URI") && access.value("Type", "") == "BASIC_AUTH")
      allow(e, "secretsmanager:GetSecretValue", access["URI"]);
}

const json kNetworkInterfaceActions = {"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                                       "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
                                       "ec2:DescribeSubnets", "ec2:DescribeVpcs"};

void msk_event(Event& e) {
  json options = mapping_options(e.properties);
  if (e.properties.contains("ConsumerGroupId"))
    options["AmazonManagedKafkaEventSourceConfig"] = {{"ConsumerGroupId", e.properties["ConsumerGroupId"]}};
  add(e, e.id, cfn::event_source_mapping(cfn::ref(e.owner.function_id), required(e, "Stream"), options));
  e.owner.managed_policy_arns.push_back(managed_policy_arn("AWSLambdaMSKExecutionRole"));
  allow_access_secret(e);
}

void mq_event(Event& e) {
  const json& broker = required(e, "Broker");
  add(e, e.id, cfn::event_source_mapping(cfn::ref(e.owner.function_id), broker, mapping_options(e.properties)));
  allow(e, "mq:DescribeBroker", broker);
  allow(e, kNetworkInterfaceActions, "*");
  allow_access_secret(e);
}

void document_db_event(Event& e) {
  json options = mapping_options(e.properties);
  json config = {{"DatabaseName", required(e, "DatabaseName")}};
  cfn::copy_present(e.properties, config, {"CollectionName", "FullDocument"});
  options["DocumentDBEventSourceConfig"] = std::move(config);
  add(e, e.id, cfn::event_source_mapping(cfn::ref(e.owner.function_id), required(e, "Cluster"), options));
  allow(e, {"rds:DescribeDBClusters", "rds:DescribeDBClusterParameters", "rds:DescribeDBSubnetGroups"}, "*");
  allow(e, kNetworkInterfaceActions, "*");
  allow_access_secret(e);
}

void sns_event(Event& e) {
  if (e.properties.contains("SqsSubscription")) throw ExpansionRefused("SAM event " + e.id + ": SqsSubscription not translated");
  const json& topic = required(e, "Topic");
  json subscription = {{"Endpoint", function_arn(e)}, {"Protocol", "lambda"}, {"TopicArn", topic}};
  cfn::copy_present(e.properties, subscription, {"FilterPolicy", "FilterPolicyScope", "Region", "RedrivePolicy"});
  add(e, e.id, cfn::resource("AWS::SNS::Subscription", std::move(subscription)));
  add(e, e.id + "Permission", cfn::lambda_permission(cfn::ref(e.owner.function_id), "sns.amazonaws.com", topic));
}

// S3 events configure a bucket of the same template: SAM adds the notification to it.
void s3_event(Event& e) {
  const json& bucket_ref = required(e, "Bucket");
  if (!bucket_ref.is_object() || !bucket_ref.contains("Ref") || !bucket_ref["Ref"].is_string())
    throw ExpansionRefused("SAM event " + e.id + ": Bucket is not a Ref to a bucket of the template");
  std::string bucket_id = bucket_ref["Ref"].get<std::string>();
  if (!e.resources.contains(bucket_id) || e.resources[bucket_id].value("Type", "") != "AWS::S3::Bucket")
    throw ExpansionRefused("SAM event " + e.id + ": Bucket " + bucket_id + " is not an AWS::S3::Bucket of the template");
  std::string permission_id = e.id + "Permission";
  json permission = cfn::lambda_permission(cfn::ref(e.owner.function_id), "s3.amazonaws.com");
  permission["Properties"]["SourceAccount"] = cfn::ref("AWS::AccountId");
  add(e, permission_id, std::move(permission));

  json& bucket = e.resources[bucket_id];
  json& configurations = bucket["Properties"]["NotificationConfiguration"]["LambdaConfigurations"];
  if (configurations.is_null()) configurations = json::array();
  const json& kinds = required(e, "Events");
  for (const json& kind : kinds.is_array() ? kinds : json::array({kinds})) {
    json configuration = {{"Event", kind}, {"Function", function_arn(e)}};
    if (e.properties.contains("Filter")) configuration["Filter"] = e.properties["Filter"];
    configurations.push_back(std::move(configuration));
  }
  json& depends_on = bucket["DependsOn"];
  if (depends_on.is_string()) depends_on = json::array({depends_on});
  if (depends_on.is_null()) depends_on = json::array();
  depends_on.push_back(permission_id);
}

json rule_state(const json& properties) {
  if (properties.contains("State")) return properties["State"];
  if (properties.contains("Enabled") && properties["Enabled"] == false) return "DISABLED";
  return "ENABLED";
}

void add_rule(Event& e, json rule) {
  json target = {{"Arn", function_arn(e)}, {"Id", e.id + "LambdaTarget"}};
  cfn::copy_present(e.properties, target, {"Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig"});
  cfn::copy_present(e.properties, rule, {"Name", "Description"});
  rule["State"] = rule_state(e.properties);
  rule["Targets"] = json::array({std::move(target)});
  add(e, e.id, cfn::resource("AWS::Events::Rule", std::move(rule)));
  add(e, e.id + "Permission",
      cfn::lambda_permission(cfn::ref(e.owner.function_id), "events.amazonaws.com", cfn::get_att(e.id, "Arn")));
}

void schedule_event(Event& e) { add_rule(e, {{"ScheduleExpression", required(e, "Schedule")}}); }

void event_bridge_event(Event& e) {
  json rule = {{"EventPattern", required(e, "Pattern")}};
  if (e.properties.contains("EventBusName")) rule["EventBusName"] = e.properties["EventBusName"];
  add_rule(e, std::move(rule));
}

// ScheduleV2: an EventBridge Scheduler schedule with a role allowed to invoke the function.
void schedule_v2_event(Event& e) {
  if (e.properties.contains("RoleArn")) throw ExpansionRefused("SAM event " + e.id + ": RoleArn not translated");
  std::string role_id = e.id + "Role";
  json invoke = {{"Version", "2012-10-17"},
                 {"Statement", json::array({{{"Effect", "Allow"},
                                             {"Action", "lambda:InvokeFunction"},
                                             {"Resource", function_arn(e)}}})}};
  add(e, role_id,
      cfn::resource("AWS::IAM::Role",
                    {{"AssumeRolePolicyDocument", cfn::assume_role_policy("scheduler.amazonaws.com")},
                     {"Policies", json::array({{{"PolicyName", role_id + "Policy"}, {"PolicyDocument", invoke}}})}}));
  json target = {{"Arn", function_arn(e)}, {"RoleArn", cfn::get_att(role_id, "Arn")}};
  cfn::copy_present(e.properties, target, {"Input", "RetryPolicy", "DeadLetterConfig"});
  json schedule = {{"ScheduleExpression", required(e, "ScheduleExpression")},
                   {"FlexibleTimeWindow", e.properties.value("FlexibleTimeWindow", json{{"Mode", "OFF"}})},
                   {"Target", std::move(target)}};
  cfn::copy_present(e.properties, schedule,
               {"Name", "Description", "State", "GroupName", "ScheduleExpressionTimezone", "StartDate", "EndDate", "KmsKeyArn"});
  add(e, e.id, cfn::resource("AWS::Scheduler::Schedule", std::move(schedule)));
}

using EventExpander = std::function<void(Event&)>;

const std::map<std::string, EventExpander>& expanders() {
  static const std::map<std::string, EventExpander> table = {
      {"Api", api_event},
      {"HttpApi", http_api_event},
      {"SQS", queue_event},
      {"SNS", sns_event},
      {"S3", s3_event},
      {"Schedule", schedule_event},
      {"ScheduleV2", schedule_v2_event},
      {"EventBridgeRule", event_bridge_event},
      {"CloudWatchEvent", event_bridge_event},
      {"DynamoDB", [](Event& e) { stream_event(e, "AWSLambdaDynamoDBExecutionRole"); }},
      {"Kinesis", [](Event& e) { stream_event(e, "AWSLambdaKinesisExecutionRole"); }},
      {"MSK", msk_event},
      {"MQ", mq_event},
      {"DocumentDB", document_db_event},
  };
  return table;
}

}  // namespace

void expand_function_event(const std::string& event_name, const json& event, json& resources, FunctionEvents& events) {
  if (!event.is_object() || !event.contains("Type") || !event["Type"].is_string())
    throw ExpansionRefused("SAM event " + event_name + " of " + events.function_id + " has no Type");
  std::string type = event["Type"].get<std::string>();
  auto expander = expanders().find(type);
  if (expander == expanders().end()) throw ExpansionRefused("SAM event type " + type + " not translated");
  static const json no_properties = json::object();
  const json& properties = event.contains("Properties") ? event["Properties"] : no_properties;
  if (!properties.is_object()) throw ExpansionRefused("SAM event " + event_name + ": Properties is not a map");
  Event e{events.function_id + event_name, properties, resources, events};
  expander->second(e);
}

}  // namespace lsqm::sam
