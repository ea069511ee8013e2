// AWS::Events::Rule (targets in resources of their own) / EventBus / Connection /
// ApiDestination, AWS::Scheduler::Schedule.
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

std::optional<json> event_target(ResourceBuilder& b, const json& target) {
  auto out = b.block(target, "Targets",
                     {{"Id", "target_id"}, {"Arn", "arn"}, {"Input", "input"}, {"InputPath", "input_path"},
                      {"RoleArn", "role_arn"}, {"InputTransformer", "input_transformer"},
                      {"SqsParameters", "sqs_target"}, {"DeadLetterConfig", "dead_letter_config"},
                      {"RetryPolicy", "retry_policy"}, {"HttpParameters", "http_target"}});
  if (!out) return out;
  const auto nested = [&](const char* property, const char* block, const std::vector<Arg>& members) {
    if (!target.contains(property)) return;
    if (auto n = b.block(target[property], std::string("Targets.") + property, members)) (*out)[block] = *n;
  };
  nested("InputTransformer", "input_transformer", {{"InputPathsMap", "input_paths"}, {"InputTemplate", "input_template"}});
  nested("SqsParameters", "sqs_target", {{"MessageGroupId", "message_group_id"}});
  nested("HttpParameters", "http_target", {{"HeaderParameters", "header_parameters"},
                                          {"PathParameterValues", "path_parameter_values"},
                                          {"QueryStringParameters", "query_string_parameters"}});
  nested("DeadLetterConfig", "dead_letter_config", {{"Arn", "arn"}});
  nested("RetryPolicy", "retry_policy", {{"MaximumEventAgeInSeconds", "maximum_event_age_in_seconds"},
                                         {"MaximumRetryAttempts", "maximum_retry_attempts"}});
  if (target.contains("Input") && target["Input"].is_object()) (*out)["input"] = b.document(target["Input"]);
  return out;
}

void rule(ResourceBuilder& b) {
  b.copy_all({{"Name", "name"}, {"Description", "description"}, {"ScheduleExpression", "schedule_expression"},
              {"State", "state"}, {"EventBusName", "event_bus_name"}, {"RoleArn", "role_arn"}});
  b.copy_document("EventPattern", "event_pattern");
  const auto list = b.take_list("Targets");
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto target = event_target(b, (*list)[i]);
    if (!target) continue;
    (*target)["rule"] = b.self("name");
    if (b.body().contains("event_bus_name")) (*target)["event_bus_name"] = b.body()["event_bus_name"];
    b.extra("aws_cloudwatch_event_target", "target" + std::to_string(i)) = *target;
  }
}

void event_bus(ResourceBuilder& b) {
  b.copy_name("Name", "name");
  b.copy_all({{"EventSourceName", "event_source_name"}, {"Description", "description"}});
  b.copy_tags();
}

void schedule(ResourceBuilder& b) {
  b.copy_name("Name", "name");
  b.copy_all({{"GroupName", "group_name"}, {"Description", "description"},
              {"ScheduleExpression", "schedule_expression"},
              {"ScheduleExpressionTimezone", "schedule_expression_timezone"}, {"State", "state"},
              {"StartDate", "start_date"}, {"EndDate", "end_date"}, {"KmsKeyArn", "kms_key_arn"}});
  if (const json* f = b.take("FlexibleTimeWindow"))
    if (auto w = b.block(*f, "FlexibleTimeWindow", {{"Mode", "mode"}, {"MaximumWindowInMinutes", "maximum_window_in_minutes"}}))
      b.body()["flexible_time_window"] = *w;
  const json* t = b.take("Target");
  if (!t) return b.refuse("Schedule without Target");
  auto target = b.block(*t, "Target", {{"Arn", "arn"}, {"RoleArn", "role_arn"}, {"Input", "input"},
                                       {"RetryPolicy", "retry_policy"}, {"DeadLetterConfig", "dead_letter_config"}});
  if (!target) return;
  if (t->contains("RetryPolicy"))
    if (auto r = b.block((*t)["RetryPolicy"], "Target.RetryPolicy",
                         {{"MaximumEventAgeInSeconds", "maximum_event_age_in_seconds"},
                          {"MaximumRetryAttempts", "maximum_retry_attempts"}}))
      (*target)["retry_policy"] = *r;
  if (t->contains("DeadLetterConfig"))
    if (auto d = b.block((*t)["DeadLetterConfig"], "Target.DeadLetterConfig", {{"Arn", "arn"}}))
      (*target)["dead_letter_config"] = *d;
  b.body()["target"] = *target;
}

// AuthParameters: API key or basic credentials (OAuth is refused member by member).
void connection(ResourceBuilder& b) {
  b.copy_name("Name", "name");
  b.copy_all({{"Description", "description"}, {"AuthorizationType", "authorization_type"}});
  const json* auth = b.take("AuthParameters");
  if (!auth) return b.refuse("Connection without AuthParameters");
  auto params = b.block(*auth, "AuthParameters", {{"ApiKeyAuthParameters", "api_key"}, {"BasicAuthParameters", "basic"}});
  if (!params) return;
  if (auth->contains("ApiKeyAuthParameters"))
    if (auto k = b.block((*auth)["ApiKeyAuthParameters"], "AuthParameters.ApiKeyAuthParameters",
                         {{"ApiKeyName", "key"}, {"ApiKeyValue", "value"}}))
      (*params)["api_key"] = *k;
  if (auth->contains("BasicAuthParameters"))
    if (auto basic = b.block((*auth)["BasicAuthParameters"], "AuthParameters.BasicAuthParameters",
                             {{"Username", "username"}, {"Password", "password"}}))
      (*params)["basic"] = *basic;
  b.body()["auth_parameters"] = *params;
}

void api_destination(ResourceBuilder& b) {
  b.copy_name("Name", "name");
  b.copy_all({{"Description", "description"}, {"InvocationEndpoint", "invocation_endpoint"},
              {"HttpMethod", "http_method"}, {"InvocationRateLimitPerSecond", "invocation_rate_limit_per_second"},
              {"ConnectionArn", "connection_arn"}});
}

}  // namespace

void add_events_types(ResourceTable& table) {
  table["AWS::Events::Rule"] = {"aws_cloudwatch_event_rule", "name", {{"Arn", "arn"}}, rule};
  table["AWS::Events::EventBus"] = {"aws_cloudwatch_event_bus", "name", {{"Arn", "arn"}, {"Name", "name"}}, event_bus};
  table["AWS::Events::Connection"] = {"aws_cloudwatch_event_connection", "name",
                                      {{"Arn", "arn"}, {"SecretArn", "secret_arn"}}, connection};
  table["AWS::Events::ApiDestination"] = {"aws_cloudwatch_event_api_destination", "name", {{"Arn", "arn"}},
                                          api_destination};
  table["AWS::Scheduler::Schedule"] = {"aws_scheduler_schedule", "name", {{"Arn", "arn"}}, schedule};
}

}  // namespace lsqm::cfn
