#include "actors/miner/sam/sam_policies.h"

#include <map>
#include <set>
#include <vector>

#include "actors/miner/cfn_fragments.h"
#include "actors/miner/template_expansion.h"

namespace lsqm::sam {
namespace {

using nlohmann::json;

// One statement of a policy template: actions on resources; a resource may name the
// template's parameters as ${Parameter} beside CloudFormation's pseudo parameters.
struct StatementTemplate {
  std::vector<std::string> actions;
  std::vector<std::string> resources;
};

struct PolicyTemplate {
  std::vector<std::string> parameters;
  std::vector<StatementTemplate> statements;
};

const std::string kArn = "arn:${AWS::Partition}:";
const std::string kRegional = ":${AWS::Region}:${AWS::AccountId}:";

const std::map<std::string, PolicyTemplate>& policy_templates() {
  static const std::string s3 = kArn + "s3:::${BucketName}";
  static const std::string table = kArn + "dynamodb" + kRegional + "table/${TableName}";
  static const std::string stream = kArn + "kinesis" + kRegional + "stream/${StreamName}";
  static const std::vector<std::string> dynamodb_read = {
      "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem",
      "dynamodb:DescribeTable"};
  static const std::map<std::string, PolicyTemplate> templates = {
      {"S3ReadPolicy",
       {{"BucketName"},
        {{{"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
           "s3:GetLifecycleConfiguration"},
          {s3, s3 + "/*"}}}}},
      {"S3WritePolicy",
       {{"BucketName"},
        {{{"s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"}, {s3, s3 + "/*"}}}}},
      {"S3CrudPolicy",
       {{"BucketName"},
        {{{"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
           "s3:PutObject", "s3:PutObjectAcl", "s3:GetLifecycleConfiguration",
           "s3:PutLifecycleConfiguration", "s3:DeleteObject"},
          {s3, s3 + "/*"}}}}},
      {"DynamoDBReadPolicy", {{"TableName"}, {{dynamodb_read, {table, table + "/index/*"}}}}},
      {"DynamoDBWritePolicy",
       {{"TableName"},
        {{{"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"},
          {table, table + "/index/*"}}}}},
      {"DynamoDBCrudPolicy",
       {{"TableName"},
        {{{"dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan",
           "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
           "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"},
          {table, table + "/index/*"}}}}},
      {"DynamoDBStreamReadPolicy",
       {{"TableName", "StreamName"},
        {{{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"},
          {table + "/stream/${StreamName}"}},
         {{"dynamodb:ListStreams"}, {table + "/stream/*"}}}}},
      {"SQSSendMessagePolicy",
       {{"QueueName"},
        {{{"sqs:SendMessage*"}, {kArn + "sqs" + kRegional + "${QueueName}"}}}}},
      {"SQSPollerPolicy",
       {{"QueueName"},
        {{{"sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage",
           "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"},
          {kArn + "sqs" + kRegional + "${QueueName}"}}}}},
      {"SNSPublishMessagePolicy",
       {{"TopicName"}, {{{"sns:Publish"}, {kArn + "sns" + kRegional + "${TopicName}"}}}}},
      {"SNSCrudPolicy",
       {{"TopicName"},
        {{{"sns:ListSubscriptionsByTopic", "sns:CreateTopic", "sns:SetTopicAttributes",
           "sns:Subscribe", "sns:Publish"},
          {kArn + "sns" + kRegional + "${TopicName}*"}}}}},
      {"LambdaInvokePolicy",
       {{"FunctionName"},
        {{{"lambda:InvokeFunction"},
          {kArn + "lambda" + kRegional + "function:${FunctionName}*"}}}}},
      {"StepFunctionsExecutionPolicy",
       {{"StateMachineName"},
        {{{"states:StartExecution"},
          {kArn + "states" + kRegional + "stateMachine:${StateMachineName}"}}}}},
      {"EventBridgePutEventsPolicy",
       {{"EventBusName"},
        {{{"events:PutEvents"}, {kArn + "events" + kRegional + "event-bus/${EventBusName}"}}}}},
      {"KinesisStreamReadPolicy",
       {{"StreamName"},
        {{{"kinesis:ListStreams", "kinesis:DescribeLimits"},
          {kArn + "kinesis" + kRegional + "stream/*"}},
         {{"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
           "kinesis:GetShardIterator"},
          {stream}}}}},
      {"KinesisCrudPolicy",
       {{"StreamName"},
        {{{"kinesis:AddTagsToStream", "kinesis:CreateStream", "kinesis:DecreaseStreamRetentionPeriod",
           "kinesis:DeleteStream", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
           "kinesis:GetShardIterator", "kinesis:IncreaseStreamRetentionPeriod",
           "kinesis:ListTagsForStream", "kinesis:MergeShards", "kinesis:PutRecord",
           "kinesis:PutRecords", "kinesis:SplitShard", "kinesis:RemoveTagsFromStream"},
          {stream}}}}},
      {"SSMParameterReadPolicy",
       {{"ParameterName"},
        {{{"ssm:DescribeParameters"}, {"*"}},
         {{"ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"},
          {kArn + "ssm" + kRegional + "parameter/${ParameterName}"}}}}},
      {"AWSSecretsManagerGetSecretValuePolicy",
       {{"SecretArn"}, {{{"secretsmanager:GetSecretValue"}, {"${SecretArn}"}}}}},
      {"KMSDecryptPolicy",
       {{"KeyId"}, {{{"kms:Decrypt"}, {kArn + "kms" + kRegional + "key/${KeyId}"}}}}},
      {"SESCrudPolicy",
       {{"IdentityName"},
        {{{"ses:GetIdentityVerificationAttributes", "ses:SendEmail", "ses:SendRawEmail",
           "ses:VerifyEmailIdentity"},
          {kArn + "ses" + kRegional + "identity/${IdentityName}"}}}}},
      {"CloudWatchPutMetricPolicy", {{}, {{{"cloudwatch:PutMetricData"}, {"*"}}}}},
      {"VPCAccessPolicy",
       {{},
        {{{"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
           "ec2:DescribeNetworkInterfaces", "ec2:DetachNetworkInterface"},
          {"*"}}}}},
      {"RekognitionDetectOnlyPolicy",
       {{},
        {{{"rekognition:DetectFaces", "rekognition:DetectLabels", "rekognition:DetectModerationLabels",
           "rekognition:DetectText"},
          {"*"}}}}},
      {"ComprehendBasicAccessPolicy",
       {{},
        {{{"comprehend:BatchDetectKeyPhrases", "comprehend:DetectDominantLanguage",
           "comprehend:DetectEntities", "comprehend:BatchDetectEntities",
           "comprehend:DetectKeyPhrases", "comprehend:DetectSentiment",
           "comprehend:BatchDetectDominantLanguage", "comprehend:BatchDetectSentiment"},
          {"*"}}}}},
      {"TextractPolicy", {{}, {{{"textract:*"}, {"*"}}}}},
  };
  return templates;
}

// AWS managed policies whose ARN is under service-role/.
const std::set<std::string>& service_role_policies() {
  static const std::set<std::string> names = {
      "AWSLambdaBasicExecutionRole",   "AWSLambdaVPCAccessExecutionRole",
      "AWSLambdaSQSQueueExecutionRole", "AWSLambdaDynamoDBExecutionRole",
      "AWSLambdaKinesisExecutionRole", "AWSLambdaRole",
      "AWSLambdaMSKExecutionRole",     "AWSLambdaENIManagementAccess"};
  return names;
}

// A resource string with ${Parameter} placeholders: a Fn::Sub whose variables are the values
// given for the parameters it names; a plain string when it names none and no pseudo parameter.
json resource_arn(const std::string& text, const std::vector<std::string>& parameters, const json& values) {
  json variables = json::object();
  for (const auto& parameter : parameters)
    if (text.find("${" + parameter + "}") != std::string::npos) variables[parameter] = values.at(parameter);
  if (text == "${SecretArn}") return values.at("SecretArn");
  if (variables.empty() && text.find("${") == std::string::npos) return text;
  if (variables.empty()) return {{"Fn::Sub", text}};
  return {{"Fn::Sub", json::array({text, variables})}};
}

json expand_policy_template(const std::string& name, const PolicyTemplate& spec, const json& values) {
  if (!values.is_object()) throw ExpansionRefused("SAM policy template " + name + ": parameters are not a map");
  for (const auto& parameter : spec.parameters)
    if (!values.contains(parameter))
      throw ExpansionRefused("SAM policy template " + name + ": missing parameter " + parameter);
  json statements = json::array();
  for (const auto& statement : spec.statements) {
    json resources = json::array();
    for (const auto& text : statement.resources) resources.push_back(resource_arn(text, spec.parameters, values));
    statements.push_back({{"Effect", "Allow"}, {"Action", statement.actions}, {"Resource", resources}});
  }
  return {{"Version", "2012-10-17"}, {"Statement", statements}};
}

}  // namespace

json managed_policy_arn(const std::string& name) {
  if (name.rfind("arn:", 0) == 0) return name;
  if (service_role_policies().count(name)) return "arn:aws:iam::aws:policy/service-role/" + name;
  return "arn:aws:iam::aws:policy/" + name;
}

RolePolicies role_policies(const json& policies, const std::string& role_id) {
  RolePolicies result;
  json list = policies.is_array() ? policies : json::array({policies});
  auto add_document = [&](json document) {
    result.policies.push_back({{"PolicyName", role_id + "Policy" + std::to_string(result.policies.size())},
                               {"PolicyDocument", std::move(document)}});
  };
  for (const auto& entry : list) {
    if (entry.is_string()) {
      result.managed_policy_arns.push_back(managed_policy_arn(entry.get<std::string>()));
    } else if (cfn::is_intrinsic(entry)) {
      result.managed_policy_arns.push_back(entry);
    } else if (entry.is_object() && entry.contains("Statement")) {
      add_document(entry);
    } else if (entry.is_object() && entry.size() == 1) {
      const std::string& name = entry.begin().key();
      auto spec = policy_templates().find(name);
      if (spec == policy_templates().end()) throw ExpansionRefused("SAM policy template " + name + " not translated");
      add_document(expand_policy_template(name, spec->second, entry.begin().value()));
    } else {
      throw ExpansionRefused("SAM Policies entry not understood: " + entry.dump().substr(0, 80));
    }
  }
  return result;
}

}  // namespace lsqm::sam
