// AWS::DynamoDB::Table, AWS::Kinesis::Stream, AWS::KinesisFirehose::DeliveryStream.
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

// KeySchema [{AttributeName, KeyType: HASH|RANGE}] → hash_key / range_key of `out`.
void key_schema(ResourceBuilder& b, const json& schema, json& out, const std::string& where) {
  const auto list = b.list(schema, where);
  if (!list) return;
  for (const json& k : *list) {
    if (!k.is_object() || !k.contains("KeyType") || !k["KeyType"].is_string() || !k.contains("AttributeName"))
      return b.refuse(where + " (computed)");
    const std::string type = k["KeyType"].get<std::string>();
    if (type != "HASH" && type != "RANGE") return b.refuse(where + ".KeyType " + type);
    out[type == "HASH" ? "hash_key" : "range_key"] = b.value(k["AttributeName"]);
  }
}

// Projection {ProjectionType, NonKeyAttributes} → projection_type / non_key_attributes.
void projection(ResourceBuilder& b, const json& index, json& out, const std::string& where) {
  if (!index.contains("Projection")) return;
  const auto p = b.block(index["Projection"], where + ".Projection",
                         {{"ProjectionType", "projection_type"}, {"NonKeyAttributes", "non_key_attributes"}});
  if (p) out.update(*p);
}

void indexes(ResourceBuilder& b, const char* property, const char* block) {
  const json* v = b.take(property);
  if (!v) return;
  const auto list = b.list(*v, property);
  if (!list) return;
  for (const json& index : *list) {
    auto names = b.block(index, property, {{"IndexName", "name"}, {"KeySchema", "keys"}, {"Projection", "projection"},
                                           {"ProvisionedThroughput", "throughput"}, {"ContributorInsightsSpecification", "ci"},
                                           {"OnDemandThroughput", "on_demand"}});
    if (!names) continue;
    json out = {{"name", (*names)["name"]}};
    if (index.contains("KeySchema")) key_schema(b, index["KeySchema"], out, std::string(property) + ".KeySchema");
    projection(b, index, out, property);
    if (index.contains("ProvisionedThroughput"))
      if (auto t = b.block(index["ProvisionedThroughput"], std::string(property) + ".ProvisionedThroughput",
                           {{"ReadCapacityUnits", "read_capacity"}, {"WriteCapacityUnits", "write_capacity"}}))
        out.update(*t);
    if (std::string(block) == "local_secondary_index") out.erase("hash_key");
    b.body()[block].push_back(out);
  }
}

void table_settings(ResourceBuilder& b) {
  if (const json* s = b.take("StreamSpecification"))
    if (auto block = b.block(*s, "StreamSpecification", {{"StreamViewType", "stream_view_type"}})) {
      b.body()["stream_enabled"] = true;
      b.body().update(*block);
    }
  if (const json* ttl = b.take("TimeToLiveSpecification"))
    if (auto block = b.block(*ttl, "TimeToLiveSpecification", {{"AttributeName", "attribute_name"}, {"Enabled", "enabled"}}))
      b.body()["ttl"] = *block;
  if (const json* p = b.take("PointInTimeRecoverySpecification"))
    if (auto block = b.block(*p, "PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", "enabled"}}))
      b.body()["point_in_time_recovery"] = *block;
  if (const json* s = b.take("SSESpecification"))
    if (auto block = b.block(*s, "SSESpecification", {{"SSEEnabled", "enabled"}, {"KMSMasterKeyId", "kms_key_arn"},
                                                      {"SSEType", "sse_type"}})) {
      block->erase("sse_type");
      b.body()["server_side_encryption"] = *block;
    }
  if (const json* t = b.take("ProvisionedThroughput"))
    if (auto block = b.block(*t, "ProvisionedThroughput", {{"ReadCapacityUnits", "read_capacity"},
                                                           {"WriteCapacityUnits", "write_capacity"}}))
      b.body().update(*block);
}

void dynamodb_table(ResourceBuilder& b) {
  b.copy_name("TableName", "name", 255);
  b.copy_all({{"BillingMode", "billing_mode"}, {"TableClass", "table_class"},
              {"DeletionProtectionEnabled", "deletion_protection_enabled"}});
  b.copy_tags();
  if (const json* k = b.take("KeySchema")) key_schema(b, *k, b.body(), "KeySchema");
  if (const json* a = b.take("AttributeDefinitions"))
    if (const auto list = b.list(*a, "AttributeDefinitions"))
      for (const json& d : *list)
        if (auto block = b.block(d, "AttributeDefinitions", {{"AttributeName", "name"}, {"AttributeType", "type"}}))
          b.body()["attribute"].push_back(*block);
  indexes(b, "GlobalSecondaryIndexes", "global_secondary_index");
  indexes(b, "LocalSecondaryIndexes", "local_secondary_index");
  table_settings(b);
}

void kinesis_stream(ResourceBuilder& b) {
  b.copy_name("Name", "name", 128);
  b.copy_all({{"ShardCount", "shard_count"}, {"RetentionPeriodHours", "retention_period"}});
  b.copy_tags();
  bool on_demand = false;
  if (const json* m = b.take("StreamModeDetails"))
    if (auto block = b.block(*m, "StreamModeDetails", {{"StreamMode", "stream_mode"}})) {
      b.body()["stream_mode_details"] = *block;
      on_demand = block->value("stream_mode", json("")) == "ON_DEMAND";
    }
  if (!on_demand && !b.body().contains("shard_count")) b.body()["shard_count"] = 1;  // CloudFormation's default
  if (const json* e = b.take("StreamEncryption"))
    if (auto block = b.block(*e, "StreamEncryption", {{"EncryptionType", "encryption_type"}, {"KeyId", "kms_key_id"}}))
      b.body().update(*block);
}

// ProcessingConfiguration {Enabled, Processors [{Type, Parameters [{ParameterName, ParameterValue}]}]}.
std::optional<json> processing(ResourceBuilder& b, const json& config, const std::string& where) {
  auto out = b.block(config, where, {{"Enabled", "enabled"}, {"Processors", "processors"}});
  if (!out || !config.contains("Processors")) return out;
  out->erase("processors");
  const auto processors = b.list(config["Processors"], where + ".Processors");
  if (!processors) return std::nullopt;
  for (const json& p : *processors) {
    auto processor = b.block(p, where + ".Processors", {{"Type", "type"}, {"Parameters", "parameters"}});
    if (!processor) continue;
    processor->erase("parameters");
    if (p.contains("Parameters"))
      if (const auto parameters = b.list(p["Parameters"], where + ".Processors.Parameters"))
        for (const json& x : *parameters)
          if (auto parameter = b.block(x, where + ".Processors.Parameters",
                                       {{"ParameterName", "parameter_name"}, {"ParameterValue", "parameter_value"}}))
            (*processor)["parameters"].push_back(*parameter);
    (*out)["processors"].push_back(*processor);
  }
  return out;
}

std::optional<json> s3_destination(ResourceBuilder& b, const json& config, const std::string& where) {
  auto out = b.block(config, where,
                     {{"BucketARN", "bucket_arn"}, {"RoleARN", "role_arn"}, {"Prefix", "prefix"},
                      {"ErrorOutputPrefix", "error_output_prefix"}, {"CompressionFormat", "compression_format"},
                      {"BufferingHints", "hints"}, {"CloudWatchLoggingOptions", "logging"},
                      {"EncryptionConfiguration", "encryption"}, {"ProcessingConfiguration", "processing"}});
  if (!out) return out;
  for (const char* placeholder : {"hints", "logging", "encryption", "processing"}) out->erase(placeholder);
  if (config.contains("BufferingHints"))
    if (auto hints = b.block(config["BufferingHints"], where + ".BufferingHints",
                             {{"IntervalInSeconds", "buffering_interval"}, {"SizeInMBs", "buffering_size"}}))
      out->update(*hints);
  if (config.contains("CloudWatchLoggingOptions"))
    if (auto logging = b.block(config["CloudWatchLoggingOptions"], where + ".CloudWatchLoggingOptions",
                               {{"Enabled", "enabled"}, {"LogGroupName", "log_group_name"}, {"LogStreamName", "log_stream_name"}}))
      (*out)["cloudwatch_logging_options"] = *logging;
  if (config.contains("EncryptionConfiguration")) {  // NoEncryptionConfig is the default
    const json& e = config["EncryptionConfiguration"];
    if (auto encryption = b.block(e, where + ".EncryptionConfiguration",
                                  {{"NoEncryptionConfig", "none"}, {"KMSEncryptionConfig", "kms"}}))
      if (e.contains("KMSEncryptionConfig"))
        if (auto kms = b.block(e["KMSEncryptionConfig"], where + ".KMSEncryptionConfig", {{"AWSKMSKeyARN", "kms_key_arn"}}))
          out->update(*kms);
  }
  if (config.contains("ProcessingConfiguration"))
    if (auto p = processing(b, config["ProcessingConfiguration"], where + ".ProcessingConfiguration"))
      (*out)["processing_configuration"] = *p;
  return out;
}

void delivery_stream(ResourceBuilder& b) {
  b.copy_name("DeliveryStreamName", "name");
  b.copy_tags();
  b.take("DeliveryStreamType");  // implied by the source configuration below
  for (const char* property : {"ExtendedS3DestinationConfiguration", "S3DestinationConfiguration"})
    if (const json* d = b.take(property)) {
      b.body()["destination"] = "extended_s3";
      if (auto config = s3_destination(b, *d, property)) b.body()["extended_s3_configuration"] = *config;
    }
  if (const json* k = b.take("KinesisStreamSourceConfiguration"))
    if (auto block = b.block(*k, "KinesisStreamSourceConfiguration",
                             {{"KinesisStreamARN", "kinesis_stream_arn"}, {"RoleARN", "role_arn"}}))
      b.body()["kinesis_source_configuration"] = *block;
  if (!b.body().contains("destination")) b.refuse("DeliveryStream without an S3 destination");
}

}  // namespace

void add_data_types(ResourceTable& table) {
  table["AWS::DynamoDB::Table"] = {"aws_dynamodb_table", "name", {{"Arn", "arn"}, {"StreamArn", "stream_arn"}},
                                   dynamodb_table};
  table["AWS::Kinesis::Stream"] = {"aws_kinesis_stream", "name", {{"Arn", "arn"}}, kinesis_stream};
  table["AWS::KinesisFirehose::DeliveryStream"] = {"aws_kinesis_firehose_delivery_stream", "name", {{"Arn", "arn"}},
                                                   delivery_stream};
}

}  // namespace lsqm::cfn
