// AWS::SQS::Queue / QueuePolicy, AWS::SNS::Topic / Subscription / TopicPolicy.
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

void queue(ResourceBuilder& b) {
  b.copy_all({{"QueueName", "name"}, {"DelaySeconds", "delay_seconds"},
              {"MessageRetentionPeriod", "message_retention_seconds"}, {"MaximumMessageSize", "max_message_size"},
              {"ReceiveMessageWaitTimeSeconds", "receive_wait_time_seconds"},
              {"VisibilityTimeout", "visibility_timeout_seconds"}, {"FifoQueue", "fifo_queue"},
              {"ContentBasedDeduplication", "content_based_deduplication"}, {"KmsMasterKeyId", "kms_master_key_id"},
              {"KmsDataKeyReusePeriodSeconds", "kms_data_key_reuse_period_seconds"},
              {"SqsManagedSseEnabled", "sqs_managed_sse_enabled"}, {"DeduplicationScope", "deduplication_scope"},
              {"FifoThroughputLimit", "fifo_throughput_limit"}});
  b.copy_document("RedrivePolicy", "redrive_policy");
  b.copy_document("RedriveAllowPolicy", "redrive_allow_policy");
  b.copy_tags();
}

// A policy over a list of targets: the first is this resource, the others extra blocks.
void policy_per_target(ResourceBuilder& b, const std::string& targets_property, const std::string& target_argument) {
  const json* targets = b.take(targets_property);
  const json* document = b.take("PolicyDocument");
  if (!targets || !document) return b.refuse(targets_property + " or PolicyDocument missing");
  const auto list = b.list(*targets, targets_property);
  if (!list || list->empty()) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    json& body = i == 0 ? b.body() : b.extra(b.translation().resources.at(b.logical())->tf_type, std::to_string(i));
    body[target_argument] = b.value((*list)[i]);
    body["policy"] = b.document(*document);
  }
}

void queue_policy(ResourceBuilder& b) { policy_per_target(b, "Queues", "queue_url"); }
void topic_policy(ResourceBuilder& b) { policy_per_target(b, "Topics", "arn"); }

void topic(ResourceBuilder& b) {
  b.copy_all({{"TopicName", "name"}, {"DisplayName", "display_name"}, {"FifoTopic", "fifo_topic"},
              {"ContentBasedDeduplication", "content_based_deduplication"}, {"KmsMasterKeyId", "kms_master_key_id"},
              {"SignatureVersion", "signature_version"}, {"TracingConfig", "tracing_config"}});
  b.copy_tags();
  const auto list = b.take_list("Subscription");
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i)
    if (auto s = b.block((*list)[i], "Subscription", {{"Endpoint", "endpoint"}, {"Protocol", "protocol"}})) {
      (*s)["topic_arn"] = b.self("arn");
      b.extra("aws_sns_topic_subscription", "subscription" + std::to_string(i)) = *s;
    }
}

void subscription(ResourceBuilder& b) {
  b.copy_all({{"TopicArn", "topic_arn"}, {"Protocol", "protocol"}, {"Endpoint", "endpoint"},
              {"FilterPolicyScope", "filter_policy_scope"}, {"RawMessageDelivery", "raw_message_delivery"},
              {"SubscriptionRoleArn", "subscription_role_arn"}});
  b.copy_document("FilterPolicy", "filter_policy");
  b.copy_document("RedrivePolicy", "redrive_policy");
  b.copy_document("DeliveryPolicy", "delivery_policy");
}

}  // namespace

void add_messaging_types(ResourceTable& table) {
  table["AWS::SQS::Queue"] = {"aws_sqs_queue", "id", {{"Arn", "arn"}, {"QueueName", "name"}, {"QueueUrl", "id"}}, queue};
  table["AWS::SQS::QueuePolicy"] = {"aws_sqs_queue_policy", "id", {}, queue_policy};
  table["AWS::SNS::Topic"] = {"aws_sns_topic", "arn", {{"TopicArn", "arn"}, {"TopicName", "name"}}, topic};
  table["AWS::SNS::Subscription"] = {"aws_sns_topic_subscription", "arn", {{"Arn", "arn"}}, subscription};
  table["AWS::SNS::TopicPolicy"] = {"aws_sns_topic_policy", "id", {}, topic_policy};
}

}  // namespace lsqm::cfn
