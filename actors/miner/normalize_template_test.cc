#include <catch2/catch.hpp>

#include "actors/miner/normalize_template.h"

using namespace lsqm;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const char* kSamYaml = R"Y(AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Events:
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(5 minutes)
Outputs:
  OrdersRole:
    Value: !GetAtt OrdersRole.Arn
)Y";

const char* kSamJson = R"J({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {"Orders": {"Type": "AWS::Serverless::Function", "Properties": {
    "Handler": "app.handler", "Runtime": "python3.12", "CodeUri": "src/",
    "Events": {"Tick": {"Type": "Schedule", "Properties": {"Schedule": "rate(5 minutes)"}}}}}},
  "Outputs": {"OrdersRole": {"Value": {"Fn::GetAtt": ["OrdersRole", "Arn"]}}}
})J";

const char* kHandler = "def handler(event, context):\n    return {'ok': True}\n";

}  // namespace

TEST_CASE("a SAM template normalizes to Terraform with its code packaged, YAML and JSON alike",
          "[normalize][template]") {
  auto yaml = normalize_template(TemplateKind::sam,
                                 {{"svc/template.yaml", kSamYaml}, {"svc/src/app.py", kHandler}},
                                 "svc/template.yaml");
  REQUIRE(yaml.skip_reason.empty());
  REQUIRE(yaml.files.count("main.tf.json"));
  const auto tf = nlohmann::json::parse(yaml.files.at("main.tf.json"));
  CHECK(tf["resource"].contains("aws_lambda_function"));
  CHECK(tf["resource"].contains("aws_iam_role"));            // the role SAM creates
  CHECK(tf["resource"].contains("aws_cloudwatch_event_rule"));  // the Schedule event
  CHECK_THAT(yaml.files.at("main.tf.json"), Contains("source_code_hash"));
  bool packaged = false;
  for (auto& [path, content] : yaml.files) packaged |= path.ends_with(".zip.b64");
  CHECK(packaged);
  auto json = normalize_template(TemplateKind::sam,
                                 {{"svc/template.json", kSamJson}, {"svc/src/app.py", kHandler}},
                                 "svc/template.json");
  CHECK(json.files == yaml.files);
}

TEST_CASE("a Serverless Framework service normalizes through CloudFormation", "[normalize][template]") {
  const char* service = R"(service: orders
provider:
  name: aws
  runtime: python3.12
  stage: ${opt:stage, 'dev'}
functions:
  hello:
    handler: handler.hello
    events:
      - sqs:
          arn: !GetAtt Queue.Arn
resources:
  Resources:
    Queue:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: ${self:service}-${sls:stage}
)";
  auto t = normalize_template(TemplateKind::serverless,
                              {{"serverless.yml", service}, {"handler.py", kHandler}},
                              "serverless.yml");
  REQUIRE(t.skip_reason.empty());
  const auto tf = nlohmann::json::parse(t.files.at("main.tf.json"));
  CHECK(tf["resource"].contains("aws_lambda_event_source_mapping"));
  CHECK_THAT(t.files.at("main.tf.json"), Contains("orders-dev"));
  // The service's own stage stands unless one is given, as `serverless deploy --stage`.
  std::string staged = service;
  staged.replace(staged.find("${opt:stage, 'dev'}"), 19, "prod");
  auto prod = normalize_template(TemplateKind::serverless,
                                 {{"serverless.yml", staged}, {"handler.py", kHandler}}, "serverless.yml");
  CHECK_THAT(prod.files.at("main.tf.json"), Contains("orders-prod"));
  NormalizeOptions test_stage;
  test_stage.stage = "test";
  auto given = normalize_template(TemplateKind::serverless,
                                  {{"serverless.yml", staged}, {"handler.py", kHandler}}, "serverless.yml",
                                  test_stage);
  CHECK_THAT(given.files.at("main.tf.json"), Contains("orders-test"));
}

TEST_CASE("what cannot be normalized says why, and nothing is half-translated",
          "[normalize][template]") {
  auto malformed = normalize_template(TemplateKind::cloudformation,
                                      {{"template.yaml", "Resources:\n  Q: [unclosed\n"}}, "template.yaml");
  CHECK_THAT(malformed.skip_reason, StartsWith("malformed template: YAML line"));
  CHECK(malformed.files.empty());
  auto cdk = normalize_template(TemplateKind::cdk, {{"cdk.json", "{}"}}, "cdk.json");
  CHECK(cdk.skip_reason == "needs cdk synth");
  auto binary = normalize_template(TemplateKind::cloudformation, {{"template.yaml.b64", "AAEC"}},
                                   "template.yaml");
  CHECK(binary.skip_reason == "template is not UTF-8 text");
  auto untranslated = normalize_template(
      TemplateKind::cloudformation,
      {{"t.json", R"({"Resources": {"C": {"Type": "AWS::EKS::Cluster", "Properties": {}}}})"}},
      "t.json");
  CHECK_THAT(untranslated.skip_reason, Contains("AWS::EKS::Cluster"));
  CHECK(untranslated.files.empty());
  auto plugin = normalize_template(
      TemplateKind::serverless,
      {{"serverless.yml", "service: s\nprovider:\n  name: aws\nplugins:\n  - serverless-step-functions\n"}},
      "serverless.yml");
  CHECK_THAT(plugin.skip_reason, StartsWith("not expanded (serverless): "));
  CHECK_THAT(plugin.skip_reason, Contains("serverless-step-functions"));
}

TEST_CASE("documents a template names by local path are read from the unit's files",
          "[normalize][template]") {
  const char* sam = R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: ./flows/flow.asl.json
      Policies:
        - CloudWatchLogsFullAccess
)";
  const char* flow = R"({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})";
  auto t = normalize_template(TemplateKind::sam,
                              {{"app/template.yaml", sam}, {"app/flows/flow.asl.json", flow}},
                              "app/template.yaml");
  REQUIRE(t.skip_reason.empty());
  CHECK_THAT(t.files.at("main.tf.json"), Contains("aws_sfn_state_machine"));
  CHECK_THAT(t.files.at("main.tf.json"), Contains("Succeed"));
  auto missing = normalize_template(TemplateKind::sam, {{"app/template.yaml", sam}}, "app/template.yaml");
  CHECK_THAT(missing.skip_reason, Contains("flows/flow.asl.json"));
}
