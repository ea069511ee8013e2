#include "actors/miner/serverless/serverless_to_cloudformation.h"

#include <catch2/catch.hpp>

#include "formats/yaml_document.h"

namespace lsqm {
namespace {

using nlohmann::json;

// A service written for the project: variables, one plugin without deployed meaning, and a
// function per event kind.
const json kService = json::parse(R"J({
  "service": "library",
  "plugins": ["serverless-offline"],
  "custom": {"queueName": "${self:service}-${sls:stage}-jobs", "tableName": "books-${sls:stage}"},
  "provider": {"name": "aws", "runtime": "python3.11", "stage": "${opt:stage, 'dev'}", "memorySize": 256,
    "environment": {"TABLE": "${self:custom.tableName}"},
    "iam": {"role": {"statements": [{"Effect": "Allow", "Action": ["dynamodb:GetItem"],
                                      "Resource": {"Fn::GetAtt": ["BooksTable", "Arn"]}}]}}},
  "functions": {
    "get-book": {"handler": "handler.get", "timeout": 10, "environment": {"EXTRA": "1"},
      "events": [{"http": {"path": "books/{id}", "method": "get", "cors": true,
                          "request": {"parameters": {"paths": {"id": true}, "querystrings": {"lang": {"required": false}}}}}}, {"http": "POST books"},
                 {"httpApi": "GET /v2/books"}]},
    "worker": {"handler": "worker.run", "url": {"cors": {"allowedOrigins": ["https://example.org"]}},
      "events": [{"sqs": {"arn": {"Fn::GetAtt": ["JobsQueue", "Arn"]}, "batchSize": 5}},
                 {"stream": {"type": "dynamodb", "arn": {"Fn::GetAtt": ["BooksTable", "StreamArn"]}}},
                 {"sns": "book-events"}, {"s3": {"bucket": "library-uploads", "event": "s3:ObjectCreated:*",
                                                 "rules": [{"prefix": "in/"}]}},
                 {"schedule": "rate(1 hour)"},
                 {"eventBridge": {"pattern": {"source": ["library"]}}}]}},
  "resources": {
    "Resources": {
      "JobsQueue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "${self:custom.queueName}"}},
      "BooksTable": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": "${self:custom.tableName}"}},
      "WorkerLogGroup": {"Properties": {"RetentionInDays": 7}}},
    "Outputs": {"Queue": {"Value": {"Ref": "JobsQueue"}}}}
})J");

json expand_ok(const json& service, ServerlessOptions options = {}) {
  Expansion expansion = serverless_to_cloudformation(service, options);
  INFO(expansion.skip_reason);
  REQUIRE(expansion.skip_reason.empty());
  return expansion.cloudformation;
}

std::string skip_reason(const std::string& text) { return serverless_to_cloudformation(json::parse(text)).skip_reason; }

TEST_CASE("serverless functions become Lambda functions with log groups and the shared role", "[serverless]") {
  ServerlessOptions options;
  options.stage = "test";
  json cfn = expand_ok(kService, options);
  const json& resources = cfn["Resources"];
  const json& function = resources["GetDashbookLambdaFunction"];
  CHECK(function["Type"] == "AWS::Lambda::Function");
  CHECK(function["Properties"]["Code"] == ".");
  CHECK(function["Properties"]["FunctionName"] == "library-test-get-book");
  CHECK(function["Properties"]["Runtime"] == "python3.11");
  CHECK(function["Properties"]["MemorySize"] == 256);
  CHECK(function["Properties"]["Timeout"] == 10);
  CHECK(function["Properties"]["Environment"]["Variables"] == json::parse(R"({"TABLE":"books-test","EXTRA":"1"})"));
  CHECK(function["Properties"]["Role"] == json::parse(R"({"Fn::GetAtt":["IamRoleLambdaExecution","Arn"]})"));
  CHECK(resources["GetDashbookLogGroup"]["Properties"]["LogGroupName"] == "/aws/lambda/library-test-get-book");
  CHECK(resources["WorkerLogGroup"]["Properties"]["RetentionInDays"] == 7);  // user override merged
  CHECK(resources["WorkerLogGroup"]["Properties"]["LogGroupName"] == "/aws/lambda/library-test-worker");
  const json& statements = resources["IamRoleLambdaExecution"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(statements[0]["Action"] == json::array({"dynamodb:GetItem"}));
  CHECK(statements.size() == 3);  // the provider's, the queue's, the stream's
  CHECK(resources["JobsQueue"]["Properties"]["QueueName"] == "library-test-jobs");
  CHECK(cfn["Outputs"]["Queue"]["Value"] == json::parse(R"({"Ref":"JobsQueue"})"));
}

TEST_CASE("serverless http and httpApi events build the REST and HTTP APIs", "[serverless]") {
  json cfn = expand_ok(kService);
  const json& resources = cfn["Resources"];
  CHECK(resources["ApiGatewayRestApi"]["Properties"]["Name"] == "dev-library");
  CHECK(resources["ApiGatewayResourceBooksIdVar"]["Properties"]["PathPart"] == "{id}");
  CHECK(resources["ApiGatewayMethodBooksIdVarGet"]["Properties"]["HttpMethod"] == "GET");
  CHECK(resources["ApiGatewayMethodBooksIdVarGet"]["Properties"]["RequestParameters"] ==
        json::parse(R"({"method.request.path.id": true, "method.request.querystring.lang": false})"));
  CHECK(resources["ApiGatewayMethodBooksPost"]["Properties"]["ResourceId"] == json::parse(R"({"Ref":"ApiGatewayResourceBooks"})"));
  // The API is referenced, never named as a bare string (std::ref once won by ADL there).
  for (const char* id : {"ApiGatewayResourceBooks", "ApiGatewayMethodBooksPost", "ApiGatewayMethodBooksIdVarOptions"})
    CHECK(resources[id]["Properties"]["RestApiId"] == json::parse(R"({"Ref":"ApiGatewayRestApi"})"));
  CHECK(resources["ApiGatewayDeployment"]["DependsOn"].size() == 3);
  const json& preflight = resources["ApiGatewayMethodBooksIdVarOptions"]["Properties"];
  CHECK(preflight["HttpMethod"] == "OPTIONS");
  CHECK(preflight["Integration"]["IntegrationResponses"][0]["ResponseParameters"]["method.response.header.Access-Control-Allow-Methods"] ==
        "'GET,OPTIONS'");
  CHECK_FALSE(resources.contains("ApiGatewayMethodBooksOptions"));  // POST books has no cors
  CHECK(resources["ApiGatewayStage"]["Properties"]["StageName"] == "dev");
  CHECK(resources.contains("GetDashbookLambdaPermissionApiGateway"));
  CHECK(resources["HttpApiRouteGetV2books"]["Properties"]["RouteKey"] == "GET /v2/books");
  CHECK(resources["HttpApiIntegrationGetDashbook"]["Properties"]["IntegrationType"] == "AWS_PROXY");
  CHECK(resources["HttpApiStage"]["Properties"]["StageName"] == "$default");
  CHECK(cfn["Outputs"].contains("ServiceEndpoint"));
  CHECK(cfn["Outputs"].contains("HttpApiUrl"));
}

TEST_CASE("serverless queue, stream, topic, bucket, schedule and eventBridge events", "[serverless]") {
  const json resources = expand_ok(kService)["Resources"];
  CHECK(resources["WorkerEventSourceMappingSQSJobsQueue"]["Properties"]["BatchSize"] == 5);
  CHECK(resources["WorkerEventSourceMappingDynamodbBooksTable"]["Properties"]["StartingPosition"] == "TRIM_HORIZON");
  CHECK(resources["SNSTopicBookevents"]["Properties"]["TopicName"] == "book-events");
  CHECK(resources["WorkerSnsSubscriptionBookevents"]["Properties"]["TopicArn"] == json::parse(R"({"Ref":"SNSTopicBookevents"})"));
  CHECK(resources.contains("WorkerLambdaPermissionBookeventsSNS"));
  const json& bucket = resources["S3BucketLibraryuploads"];
  CHECK(bucket["Properties"]["BucketName"] == "library-uploads");
  CHECK(bucket["Properties"]["NotificationConfiguration"]["LambdaConfigurations"][0]["Filter"]["S3Key"]["Rules"][0] ==
        json::parse(R"({"Name":"prefix","Value":"in/"})"));
  CHECK(bucket["DependsOn"] == json::array({"WorkerLambdaPermissionLibraryuploadsS3"}));
  CHECK(resources["WorkerEventsRuleSchedule1"]["Properties"]["ScheduleExpression"] == "rate(1 hour)");
  CHECK(resources.contains("WorkerLambdaPermissionEventsRuleSchedule1"));
  CHECK(resources["WorkerLambdaFunctionUrl"]["Properties"]["Cors"]["AllowOrigins"] == json::array({"https://example.org"}));
  CHECK(resources["WorkerLambdaPermissionFnUrl"]["Properties"]["FunctionUrlAuthType"] == "NONE");
  CHECK(resources["WorkerEventBridgeRule1"]["Properties"]["EventPattern"] == json::parse(R"({"source":["library"]})"));
}

TEST_CASE("serverless plugins are recorded; one with deployed meaning is refused by name", "[serverless]") {
  CHECK(serverless_to_cloudformation(kService).plugins == std::vector<std::string>{"serverless-offline"});
  json with_plugin = kService;
  with_plugin["plugins"] = {{"modules", {"serverless-offline", "serverless-step-functions"}}};
  Expansion expansion = serverless_to_cloudformation(with_plugin);
  CHECK(expansion.skip_reason == "serverless plugin serverless-step-functions not honoured");
  CHECK(expansion.plugins.size() == 2);
  CHECK(expansion.cloudformation.is_null());
}

TEST_CASE("serverless services the expansion does not cover are refused with the reason", "[serverless]") {
  CHECK(skip_reason(R"({"service": "s", "provider": {"name": "aws"}, "functions": {"f": {"handler": "h.f",
        "events": [{"alexaSkill": "amzn1.ask.skill.x"}]}}})") == "serverless event alexaSkill not translated");
  CHECK(skip_reason(R"({"service": "s", "provider": {"name": "google"}})") == "serverless provider is not aws");
  CHECK(skip_reason(R"({"service": "s", "provider": {"name": "aws"}, "custom": {"a": "${self:custom.a}"},
        "functions": {}})") == "serverless variable cycle through ${self:custom.a}");
  CHECK(skip_reason(R"({"service": "s", "provider": {"name": "aws"}, "functions": {"f": {"handler": "h.f",
        "events": [{"http": {"path": "x", "method": "get", "authorizer": "aws_iam"}}]}}})") ==
        "serverless http event option authorizer not translated");
  CHECK(skip_reason(R"({"service": "s", "provider": {"name": "aws"}, "functions": {"f": {"handler": "h.f",
        "package": {"artifact": "build/f.zip"}}}})") == "needs build: package.artifact");
  CHECK(skip_reason(R"({"service": "s", "provider": {"name": "aws"}, "functions": {"f": {"handler": "h.f",
        "url": {"cors": {"allowedOrigin": "*"}}}}})") == "serverless function url cors.allowedOrigin not translated");
  CHECK(skip_reason(R"({"service": "s", "provider": {"name": "aws"}, "functions": {"f": {"image": "repo:tag"}}})") ==
        "serverless function setting image not translated");
  CHECK(skip_reason(R"({"provider": {"name": "aws"}})") == "serverless.yml has no service name");
}

TEST_CASE("serverless-pseudo-parameters: #{…} in strings becomes Fn::Sub", "[serverless]") {
  Expansion expansion = serverless_to_cloudformation(json::parse(R"({"service": "s", "plugins": ["serverless-pseudo-parameters"],
      "provider": {"name": "aws", "environment": {"QUEUE": "https://sqs.#{AWS::Region}.amazonaws.com/#{AWS::AccountId}/q"}},
      "functions": {"f": {"handler": "h.f"}},
      "resources": {"Outputs": {"Arn": {"Value": {"Fn::Sub": "arn:aws:s3:::#{Bucket}"}}}}})"));
  INFO(expansion.skip_reason);
  REQUIRE(expansion.skip_reason.empty());
  CHECK(expansion.cloudformation["Resources"]["FLambdaFunction"]["Properties"]["Environment"]["Variables"]["QUEUE"] ==
        json::parse(R"({"Fn::Sub": "https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/q"})"));
  CHECK(expansion.cloudformation["Outputs"]["Arn"]["Value"] == json::parse(R"({"Fn::Sub": "arn:aws:s3:::${Bucket}"})"));
}

TEST_CASE("serverless provider role naming an existing role is used instead of creating one", "[serverless]") {
  json resources = expand_ok(json::parse(R"({"service": {"name": "s"}, "provider": {"name": "aws",
      "iam": {"role": "arn:aws:iam::123456789012:role/existing"}}, "functions": {"f": {"handler": "h.f"}}})"))["Resources"];
  CHECK(resources["FLambdaFunction"]["Properties"]["Role"] == "arn:aws:iam::123456789012:role/existing");
  CHECK_FALSE(resources.contains("IamRoleLambdaExecution"));
}

TEST_CASE("serverless.yml in YAML: anchors, variables and CloudFormation tags in resources", "[serverless]") {
  const char* yaml = R"(service: notes
frameworkVersion: '3'
plugins:
  - serverless-python-requirements
custom:
  tableName: notes-${sls:stage}
  defaults: &defaults
    timeout: 12
    memorySize: 512
provider:
  name: aws
  runtime: python3.12
  region: ${opt:region, 'eu-central-1'}
  environment:
    TABLE: ${self:custom.tableName}
    REGION: ${aws:region}
  iamRoleStatements:
    - Effect: Allow
      Action: [dynamodb:PutItem]
      Resource: !GetAtt NotesTable.Arn
functions:
  save:
    <<: *defaults
    handler: notes.save
    events:
      - httpApi: POST /notes
      - sqs:
          arn: !GetAtt Inbox.Arn
resources:
  Resources:
    Inbox:
      Type: AWS::SQS::Queue
    NotesTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: ${self:custom.tableName}
        BillingMode: PAY_PER_REQUEST
        AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
        KeySchema: [{AttributeName: id, KeyType: HASH}]
  Outputs:
    TableArn:
      Value: !Sub '${NotesTable.Arn}'
)";
  Expansion expansion = serverless_to_cloudformation(read_yaml_document(yaml), {});
  INFO(expansion.skip_reason);
  REQUIRE(expansion.skip_reason.empty());
  CHECK(expansion.plugins == std::vector<std::string>{"serverless-python-requirements"});
  const json& resources = expansion.cloudformation["Resources"];
  const json& function = resources["SaveLambdaFunction"]["Properties"];
  CHECK(function["Timeout"] == 12);
  CHECK(function["MemorySize"] == 512);
  CHECK(function["Environment"]["Variables"] == json::parse(R"({"TABLE":"notes-dev","REGION":"eu-central-1"})"));
  CHECK(resources["NotesTable"]["Properties"]["TableName"] == "notes-dev");
  CHECK(resources["HttpApiRoutePostNotes"]["Properties"]["RouteKey"] == "POST /notes");
  const json& statements = resources["IamRoleLambdaExecution"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(statements[0]["Resource"] == json::parse(R"({"Fn::GetAtt":["NotesTable","Arn"]})"));
  CHECK(statements[1]["Resource"] == json::parse(R"([{"Fn::GetAtt":["Inbox","Arn"]}])"));
  CHECK(expansion.cloudformation["Outputs"]["TableArn"]["Value"] == json::parse(R"({"Fn::Sub":"${NotesTable.Arn}"})"));
}

}  // namespace
}  // namespace lsqm
