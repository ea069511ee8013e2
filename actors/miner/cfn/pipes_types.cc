// AWS::Pipes::Pipe: its source and target parameters nest deeply, and Terraform names each
// member as CloudFormation does in snake_case (with the few exceptions listed), so the nested
// settings are converted by name; a name Terraform does not know fails terraform validate,
// never silently dropped.
#include "actors/miner/cfn/intrinsics.h"
#include "actors/miner/cfn/parameters.h"
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

// Members whose Terraform name is not their snake_case.
std::string pipe_member(const std::string& property) {
  static const std::map<std::string, std::string> renamed = {
      {"DynamoDBStreamParameters", "dynamodb_stream_parameters"},
      {"EventBridgeEventBusParameters", "eventbridge_event_bus_parameters"},
      {"Filters", "filter"},
      {"SqsQueueParameters", "sqs_queue_parameters"},
      {"ManagedStreamingKafkaParameters", "managed_streaming_kafka_parameters"},
      {"RabbitMQBrokerParameters", "rabbitmq_broker_parameters"},
      {"ActiveMQBrokerParameters", "activemq_broker_parameters"},
      {"CloudWatchLogsParameters", "cloudwatch_logs_parameters"},
      {"SageMakerPipelineParameters", "sagemaker_pipeline_parameters"},
  };
  const auto it = renamed.find(property);
  return it != renamed.end() ? it->second : snake_case(property);
}

// A settings object converted member by member; intrinsics and lists of scalars as values.
json pipe_settings(ResourceBuilder& b, const json& v) {
  if (v.is_object() && !is_intrinsic(v)) {
    json out = json::object();
    for (const auto& [k, e] : v.items()) out[pipe_member(k)] = pipe_settings(b, e);
    return out;
  }
  if (v.is_array() && !v.empty() && v[0].is_object() && !is_intrinsic(v[0])) {
    json out = json::array();
    for (const json& e : v) out.push_back(pipe_settings(b, e));
    return out;
  }
  return b.value(v);
}

void pipe(ResourceBuilder& b) {
  b.copy_name("Name", "name");
  b.copy_all({{"RoleArn", "role_arn"}, {"Source", "source"}, {"Target", "target"}, {"Enrichment", "enrichment"},
              {"Description", "description"}, {"DesiredState", "desired_state"}, {"KmsKeyIdentifier", "kms_key_identifier"}});
  b.copy_tags();
  for (const char* property : {"SourceParameters", "TargetParameters", "EnrichmentParameters", "LogConfiguration"})
    if (const json* v = b.take(property)) b.body()[pipe_member(property)] = pipe_settings(b, *v);
  // Filter patterns are JSON text in both; FilterCriteria.Filters[].Pattern may be an object.
  auto& source = b.body()["source_parameters"];
  if (source.is_object() && source.contains("filter_criteria") && source["filter_criteria"].contains("filter"))
    for (auto& f : source["filter_criteria"]["filter"])
      if (f.is_object() && f.contains("pattern") && f["pattern"].is_object()) f["pattern"] = "${jsonencode(" + b.expression(f["pattern"]) + ")}";
  if (source.is_null()) b.body().erase("source_parameters");
}

}  // namespace

void add_pipes_types(ResourceTable& table) {
  table["AWS::Pipes::Pipe"] = {"aws_pipes_pipe", "name", {{"Arn", "arn"}}, pipe};
}

}  // namespace lsqm::cfn
