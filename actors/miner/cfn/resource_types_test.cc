#include "actors/miner/cfn/resource_types.h"

#include <catch2/catch.hpp>

#include "actors/miner/cfn/cfn_test_support.h"
#include "actors/miner/cfn/fixtures_test.h"
#include "formats/base64.h"
#include "formats/zip_archive.h"

using namespace lsqm::cfn::testing;
using nlohmann::json;

namespace {

const std::map<std::string, std::string> kAppFiles = {
    {"template.yaml", "(the template)"},
    {"app/src/worker.js", "exports.handler = async () => ({ok: true});\n"},
    {"app/package.json", "{}\n"},
    {"layer/nodejs/shared.js", "module.exports = {};\n"},
};

bool has_key(const json& j, const std::string& key) { return j.is_object() && j.contains(key); }

}  // namespace

TEST_CASE("a serverless application translates whole, each type to its Terraform", "[cfn]") {
  const auto r = translate(kServerlessApp, kAppFiles);
  INFO(r.skip_reason);
  REQUIRE(r.skip_reason.empty());
  CHECK(r.tf["variable"]["stage_name"] == json::parse(R"({"type":"string","default":"test"})"));
  CHECK(r.tf["variable"]["memory_size"] == json::parse(R"({"type":"number","default":256})"));
  // SQS with redrive, SNS subscription.
  CHECK(r.resource("aws_sqs_queue", "OrdersQueue")["redrive_policy"] ==
        "${jsonencode({\"deadLetterTargetArn\" = aws_sqs_queue.DeadLetters.arn, \"maxReceiveCount\" = 3})}");
  CHECK(r.resource("aws_sns_topic", "Alerts")["name"] == "${\"lsqm-stack-alerts\"}");
  CHECK(r.resource("aws_sns_topic_subscription", "AlertsToQueue")["endpoint"] == "${aws_sqs_queue.OrdersQueue.arn}");
  // IAM: managed policies and inline policies are resources of their own.
  CHECK(r.resource("aws_iam_role_policy_attachment", "FunctionRole_managed0")["role"] == "${aws_iam_role.FunctionRole.name}");
  CHECK(r.resource("aws_iam_role_policy", "FunctionRole_policy0")["name"] == "tables");
  // Lambda: inline code and a local directory, packaged by lsqm.
  const auto& inline_fn = r.resource("aws_lambda_function", "Inline");
  CHECK(inline_fn["function_name"] == "lsqm-stack-Inline");
  CHECK(inline_fn["filename"] == "${path.module}/lambda/Inline.zip");
  CHECK(inline_fn["source_code_hash"] == "${filebase64sha256(\"${path.module}/lambda/Inline.zip\")}");
  CHECK(inline_fn["environment"]["variables"]["TABLE"] == "${aws_dynamodb_table.Orders.name}");
  const auto inline_zip = lsqm::read_zip(*lsqm::base64_decoded(r.files.at("lambda/Inline.zip.b64")));
  CHECK(inline_zip.at("index.py").find("def handler") == 0);
  const auto worker_zip = lsqm::read_zip(*lsqm::base64_decoded(r.files.at("lambda/Worker.zip.b64")));
  CHECK(worker_zip.size() == 2);
  CHECK(worker_zip.count("src/worker.js") == 1);
  CHECK(r.resource("aws_lambda_function", "Worker")["layers"] == json::array({"${aws_lambda_layer_version.Shared.arn}"}));
  CHECK(lsqm::read_zip(*lsqm::base64_decoded(r.files.at("lambda/Shared.zip.b64"))).count("nodejs/shared.js") == 1);
  // A Version is the function published; its Ref and attributes read from the function.
  CHECK(r.resource("aws_lambda_function", "Worker")["publish"] == true);
  CHECK(r.resource("aws_lambda_alias", "WorkerLive")["function_version"] == "${aws_lambda_function.Worker.version}");
  CHECK(r.tf["output"]["PublishedWorker"]["value"] == "${aws_lambda_function.Worker.qualified_arn}");
  CHECK(r.resource("aws_lambda_function_url", "WorkerUrl")["cors"]["allow_origins"] == json::array({"*"}));
  CHECK(r.tf["output"]["WorkerUrl"]["value"] == "${aws_lambda_function_url.WorkerUrl.function_url}");
  CHECK(r.resource("aws_api_gateway_method_settings", "ApiStage_settings0")["method_path"] == "*/*");
  CHECK(r.resource("aws_lambda_event_source_mapping", "QueueToWorker")["batch_size"] == 5);
  // S3: one resource per bucket feature; the notification names the function by ARN.
  CHECK(r.resource("aws_s3_bucket_versioning", "Uploads_versioning")["versioning_configuration"]["status"] == "Enabled");
  CHECK(r.resource("aws_s3_bucket_server_side_encryption_configuration", "Uploads_encryption")["rule"][0]
                  ["apply_server_side_encryption_by_default"]["sse_algorithm"] == "AES256");
  CHECK(r.resource("aws_s3_bucket_lifecycle_configuration", "Uploads_lifecycle")["rule"][0]["expiration"]["days"] == 7);
  CHECK(r.resource("aws_s3_bucket_cors_configuration", "Uploads_cors")["cors_rule"][0]["allowed_methods"] == json{"GET"});
  CHECK(r.resource("aws_s3_bucket_public_access_block", "Uploads_public_access")["block_public_acls"] == true);
  const auto& notification = r.resource("aws_s3_bucket_notification", "Uploads_notification");
  CHECK(notification["lambda_function"][0]["lambda_function_arn"] == "${aws_lambda_function.Inline.arn}");
  CHECK(notification["lambda_function"][0]["filter_suffix"] == ".json");
  CHECK(r.resource("aws_s3_bucket", "Uploads")["depends_on"] == json::array({"aws_lambda_permission.UploadsInvoke"}));
  CHECK(r.resource("aws_s3_bucket_policy", "UploadsPolicy")["policy"].get<std::string>().find(
            "\"Resource\" = \"${aws_s3_bucket.Uploads.arn}/*\"") != std::string::npos);
  // DynamoDB.
  const auto& table = r.resource("aws_dynamodb_table", "Orders");
  CHECK(table["hash_key"] == "id");
  CHECK(table["global_secondary_index"][0] == json::parse(R"({"name":"by-day","hash_key":"day","projection_type":"ALL"})"));
  CHECK(table["stream_enabled"] == true);
  CHECK(table["ttl"] == json::parse(R"({"attribute_name":"expires","enabled":true})"));
  // EventBridge and Scheduler.
  CHECK(r.resource("aws_cloudwatch_event_target", "OrderCreated_target0")["rule"] ==
        "${aws_cloudwatch_event_rule.OrderCreated.name}");
  CHECK(r.resource("aws_scheduler_schedule", "Nightly")["flexible_time_window"]["mode"] == "OFF");
  CHECK(r.resource("aws_cloudwatch_event_connection", "PartnerConnection")["auth_parameters"]["api_key"]["key"] ==
        "x-api-key");
  CHECK(r.resource("aws_cloudwatch_event_target", "ToPartner_target0")["arn"] ==
        "${aws_cloudwatch_event_api_destination.PartnerWebhook.arn}");
  CHECK(r.resource("aws_cloudwatch_event_target", "ToPartner_target0")["http_target"]["header_parameters"] ==
        json::parse(R"({"x-source":"lsqm"})"));
  // API Gateway: the method's integration is a resource of its own; deployment waits for both.
  CHECK(r.resource("aws_api_gateway_method", "OrdersGet")["authorization"] == "NONE");
  CHECK(r.resource("aws_api_gateway_integration", "OrdersGet_integration")["http_method"] ==
        "${aws_api_gateway_method.OrdersGet.http_method}");
  CHECK(r.resource("aws_api_gateway_deployment", "ApiDeployment")["depends_on"] ==
        json::parse(R"(["aws_api_gateway_method.OrdersGet","aws_api_gateway_integration.OrdersGet_integration"])"));
  CHECK(r.resource("aws_apigatewayv2_route", "HttpRoute")["target"] == "${\"integrations/${aws_apigatewayv2_integration.HttpIntegration.id}\"}");
  CHECK(r.resource("aws_apigatewayv2_stage", "HttpStage")["name"] == "$default");
  // Step Functions: DefinitionSubstitutions applied.
  CHECK(r.resource("aws_sfn_state_machine", "Flow")["definition"].get<std::string>().find(
            "\"Resource\" = \"${aws_lambda_function.Worker.arn}\"") != std::string::npos);
  const auto& pipe = r.resource("aws_pipes_pipe", "OrdersPipe");
  CHECK(pipe["source_parameters"]["sqs_queue_parameters"]["batch_size"] == 1);
  CHECK(pipe["source_parameters"]["filter_criteria"]["filter"][0]["pattern"] == "{\"body\": {\"kind\": [\"order\"]}}");
  CHECK(pipe["target_parameters"]["step_function_state_machine_parameters"]["invocation_type"] == "FIRE_AND_FORGET");
  CHECK(r.tf["output"]["LogGroupArn"]["value"] == "${\"${aws_cloudwatch_log_group.Logs.arn}:*\"}");
}

TEST_CASE("storage and management types translate whole", "[cfn]") {
  const auto r = translate(kManagementStack);
  INFO(r.skip_reason);
  REQUIRE(r.skip_reason.empty());
  CHECK(r.tf["variable"]["environment"]["default"] == "dev");  // the first allowed value
  CHECK(r.tf["variable"]["retention_hours"]["default"] == 48);
  CHECK(r.resource("aws_kms_alias", "KeyAlias")["target_key_id"] == "${aws_kms_key.Key.key_id}");
  CHECK(r.resource("aws_ssm_parameter", "Setting")["tags"] == json::parse(R"({"team":"data"})"));
  CHECK(r.tf["data"]["aws_secretsmanager_random_password"]["DbSecret"]["password_length"] == 24);
  CHECK(r.resource("aws_secretsmanager_secret_version", "DbSecret_value")["secret_string"].get<std::string>().find(
            "merge(jsondecode(") != std::string::npos);
  CHECK(r.resource("aws_kinesis_stream", "Stream")["shard_count"] ==
        "${local.mappings[\"Shards\"][var.environment][\"Count\"]}");
  const auto& delivery = r.resource("aws_kinesis_firehose_delivery_stream", "Delivery");
  CHECK(delivery["destination"] == "extended_s3");
  CHECK(delivery["extended_s3_configuration"]["buffering_interval"] == 60);
  CHECK(delivery["extended_s3_configuration"]["kms_key_arn"] == "${aws_kms_key.Key.arn}");
  CHECK(delivery["extended_s3_configuration"]["cloudwatch_logging_options"]["log_group_name"] ==
        "${aws_cloudwatch_log_group.AppLogs.name}");
  CHECK(delivery["extended_s3_configuration"]["processing_configuration"]["processors"][0]["parameters"][0]
                ["parameter_name"] == "Delimiter");
  CHECK(r.resource("aws_iam_role_policy_attachment", "ReadStream_role0")["policy_arn"] == "${aws_iam_policy.ReadStream.arn}");
  CHECK(r.resource("aws_iam_role_policy", "WriteArchive")["role"] == "${aws_iam_role.DeliveryRole.name}");
  CHECK(r.resource("aws_iam_instance_profile", "Profile")["role"] == "${aws_iam_role.DeliveryRole.name}");
  CHECK(r.resource("aws_sns_topic_policy", "PagesPolicy")["count"] == "${local.condition_IsProd ? 1 : 0}");
  CHECK(r.resource("aws_sns_topic_policy", "PagesPolicy")["arn"] == "${one(aws_sns_topic.Pages[*].arn)}");
  const auto& alarm = r.resource("aws_cloudwatch_metric_alarm", "Lagging");
  CHECK(alarm["dimensions"] == json::parse(R"({"StreamName":"${aws_kinesis_stream.Stream.name}"})"));
  CHECK(alarm["alarm_actions"] == "${concat((local.condition_IsProd ? [one(aws_sns_topic.Pages[*].arn)] : []))}");
  CHECK(r.resource("aws_api_gateway_usage_plan", "PartnerPlan")["quota_settings"] ==
        json::parse(R"({"limit":1000,"period":"DAY"})"));
  CHECK_FALSE(has_key(r.tf["resource"], "Handle"));
  CHECK(r.tf["output"]["Setting"]["value"] == "${nonsensitive(aws_ssm_parameter.Setting.value)}");
}

TEST_CASE("VPC networking, security groups and an instance translate whole", "[cfn]") {
  const auto r = translate(kNetworkStack);
  INFO(r.skip_reason);
  REQUIRE(r.skip_reason.empty());
  CHECK(r.resource("aws_subnet", "PublicSubnet")["availability_zone"] ==
        "${element(data.aws_availability_zones.available.names, 0)}");
  CHECK(r.resource("aws_internet_gateway_attachment", "GatewayAttachment")["vpc_id"] == "${aws_vpc.Network.id}");
  CHECK(r.resource("aws_route", "DefaultRoute")["depends_on"] == json::array({"aws_internet_gateway_attachment.GatewayAttachment"}));
  CHECK(r.resource("aws_nat_gateway", "Nat")["allocation_id"] == "${aws_eip.NatAddress.allocation_id}");
  const auto& group = r.resource("aws_security_group", "WebGroup");
  CHECK(group["ingress"][0]["cidr_blocks"] == json::array({"0.0.0.0/0"}));
  CHECK(group["ingress"][0]["from_port"] == 443);
  CHECK(group["egress"][0]["protocol"] == "-1");  // CloudFormation's default egress, said explicitly
  const auto& admin = r.resource("aws_security_group_rule", "AdminAccess");
  CHECK(admin["type"] == "ingress");
  CHECK(admin["source_security_group_id"] == "${aws_security_group.WebGroup.id}");
  const auto& web = r.resource("aws_instance", "Web");
  CHECK(web["ami"] == "${nonsensitive(data.aws_ssm_parameter.latest_ami.value)}");
  CHECK(web["user_data_base64"] == "${base64encode(\"#!/bin/bash\\necho ready\\n\")}");
  CHECK(web["ebs_block_device"][0] == json::parse(R"({"device_name":"/dev/xvdb","volume_size":8,"volume_type":"gp3"})"));
  const auto with_init = translate("Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Metadata:\n"
                                   "      AWS::CloudFormation::Init: {config: {}}\n    Properties: {ImageId: ami-1}\n");
  CHECK(with_init.skip_reason == "untranslated: AWS::CloudFormation::Init");
}

TEST_CASE("an untranslated type or property is refused by name, never half-translated", "[cfn]") {
  auto r = translate("Resources:\n  Vpc:\n    Type: AWS::EC2::TransitGateway\n  Q:\n    Type: AWS::SQS::Queue\n"
                     "    Properties: {QueueName: !GetAtt Vpc.Id}\n  Custom:\n    Type: Custom::Thing\n");
  CHECK(r.skip_reason == "untranslated: AWS::EC2::TransitGateway, Custom::Thing");
  CHECK(r.files.empty());
  r = translate("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccelerateConfiguration: {}\n"
                "      NotificationConfiguration: {QueueConfigurations: [{Event: x}]}\n");
  CHECK(r.skip_reason == "untranslated: AWS::S3::Bucket.AccelerateConfiguration, "
                         "AWS::S3::Bucket.NotificationConfiguration.QueueConfigurations (incomplete)");
  r = translate("Transform: AWS::Serverless-2016-10-31\nResources:\n  Q: {Type: AWS::SQS::Queue}\n");
  CHECK(r.skip_reason == "untranslated: Transform \"AWS::Serverless-2016-10-31\"");
}

TEST_CASE("a malformed template is a reason, never a crash", "[cfn]") {
  CHECK(translate("- a list\n").skip_reason == "malformed template: not a mapping");
  CHECK(translate("Resources: {}\n").skip_reason == "malformed template: no Resources");
  CHECK(translate("Resources:\n  Q: {Properties: {}}\n").skip_reason == "malformed template: resource Q has no Type");
  CHECK(translate("Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: [1]}\n").skip_reason ==
        "malformed template: resource Q has Properties that are not a mapping");
  CHECK(translate("Resources:\n  bad-name: {Type: AWS::SQS::Queue}\n").skip_reason ==
        "malformed template: resource name bad-name");
  CHECK(translate("Parameters: 3\nResources:\n  Q: {Type: AWS::SQS::Queue}\n").skip_reason ==
        "malformed template: Parameters is not a mapping");
}

TEST_CASE("parameters: inputs rules fill names and regions, anything else needs input", "[cfn]") {
  auto r = translate("Parameters:\n  QueueName: {Type: String}\n  DeployRegion: {Type: String}\n"
                     "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Ref QueueName}\n");
  INFO(r.skip_reason);
  CHECK(r.skip_reason.empty());  // queue_name is name-like, deploy_region region-like: lsqm gives both
  CHECK_FALSE(r.tf["variable"]["queue_name"].contains("default"));
  r = translate("Parameters:\n  Threshold: {Type: Number}\n  Key: {Type: 'AWS::EC2::KeyPair::KeyName'}\n"
                "  Ami: {Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami}\n"
                "Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
  CHECK(r.skip_reason == "needs input: Key, Threshold");
  r = translate("Parameters:\n  Ami: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/setting}\n"
                "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref Ami}}\n");
  REQUIRE(r.skip_reason.empty());
  CHECK(r.tf["data"]["aws_ssm_parameter"]["ami"]["name"] == "${var.ami}");
  CHECK(r.resource("aws_sqs_queue", "Q")["name"] == "${nonsensitive(data.aws_ssm_parameter.ami.value)}");
}

TEST_CASE("the same template as YAML and as JSON gives byte-identical Terraform", "[cfn]") {
  const std::string yaml = R"(Parameters:
  Prefix: {Type: String, Default: app}
Conditions:
  Named: !Not [!Equals [!Ref Prefix, ""]]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !If [Named, !Sub "${Prefix}-items", !Ref "AWS::NoValue"]
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
Outputs:
  Arn: {Value: !GetAtt Table.Arn}
)";
  const std::string json_text = R"({"Parameters": {"Prefix": {"Type": "String", "Default": "app"}},
    "Conditions": {"Named": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Prefix"}, ""]}]}},
    "Resources": {"Table": {"Type": "AWS::DynamoDB::Table", "Properties": {
      "TableName": {"Fn::If": ["Named", {"Fn::Sub": "${Prefix}-items"}, {"Ref": "AWS::NoValue"}]},
      "BillingMode": "PAY_PER_REQUEST", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}}},
    "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Table", "Arn"]}}}})";
  const auto a = lsqm::cloudformation_to_terraform(lsqm::read_yaml_document(yaml), {}, "");
  const auto b = lsqm::cloudformation_to_terraform(lsqm::read_yaml_document(json_text), {}, "");
  REQUIRE(a.skip_reason.empty());
  CHECK(a.files == b.files);
}
