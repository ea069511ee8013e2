#include "actors/miner/sam/sam_to_cloudformation.h"

#include <catch2/catch.hpp>

namespace lsqm {
namespace {

using nlohmann::json;

// A template written for the project: two functions sharing Globals, an implicit REST API,
// an HTTP API route, a queue, a topic, a bucket notification, schedules and a table.
const json kShop = json::parse(R"J({
  "Transform": "AWS::Serverless-2016-10-31",
  "Globals": {"Function": {"Runtime": "python3.12", "Timeout": 9,
                           "Environment": {"Variables": {"STAGE": "test"}}}},
  "Resources": {
    "Orders": {"Type": "AWS::Serverless::SimpleTable"},
    "Inbox": {"Type": "AWS::SQS::Queue"},
    "Uploads": {"Type": "AWS::S3::Bucket"},
    "Alerts": {"Type": "AWS::SNS::Topic"},
    "ListOrders": {"Type": "AWS::Serverless::Function", "Properties": {
      "CodeUri": "src/list", "Handler": "app.handler",
      "Environment": {"Variables": {"TABLE": {"Ref": "Orders"}}},
      "Policies": [{"DynamoDBReadPolicy": {"TableName": {"Ref": "Orders"}}}, "AmazonS3ReadOnlyAccess"],
      "Events": {
        "Get": {"Type": "Api", "Properties": {"Path": "/orders/{id}", "Method": "get"}},
        "List": {"Type": "Api", "Properties": {"Path": "/orders", "Method": "get"}},
        "Http": {"Type": "HttpApi", "Properties": {"Path": "/o", "Method": "GET"}}}}},
    "Worker": {"Type": "AWS::Serverless::Function", "Properties": {
      "InlineCode": "def handler(e, c): return 1", "Handler": "index.handler", "Timeout": 30,
      "Events": {
        "Queue": {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": ["Inbox", "Arn"]}, "BatchSize": 5}},
        "Topic": {"Type": "SNS", "Properties": {"Topic": {"Ref": "Alerts"}}},
        "Upload": {"Type": "S3", "Properties": {"Bucket": {"Ref": "Uploads"}, "Events": "s3:ObjectCreated:*"}},
        "Nightly": {"Type": "Schedule", "Properties": {"Schedule": "rate(1 day)"}},
        "Hourly": {"Type": "ScheduleV2", "Properties": {"ScheduleExpression": "rate(1 hour)"}},
        "Changes": {"Type": "EventBridgeRule", "Properties": {"Pattern": {"source": ["shop"]}}},
        "Stream": {"Type": "DynamoDB", "Properties": {"Stream": {"Fn::GetAtt": ["Orders", "StreamArn"]},
                                                       "StartingPosition": "LATEST"}}}}}
  },
  "Outputs": {"Role": {"Value": {"Fn::GetAtt": ["ListOrdersRole", "Arn"]}}}
})J");

json expand_ok(const json& sam) {
  Expansion expansion = sam_to_cloudformation(sam);
  INFO(expansion.skip_reason);
  REQUIRE(expansion.skip_reason.empty());
  return expansion.cloudformation;
}

std::string skip_reason(const std::string& sam_text) { return sam_to_cloudformation(json::parse(sam_text)).skip_reason; }

TEST_CASE("SAM functions become Lambda functions with roles, Globals merged", "[sam]") {
  json cfn = expand_ok(kShop);
  const json& resources = cfn["Resources"];
  CHECK_FALSE(cfn.contains("Transform"));
  CHECK_FALSE(cfn.contains("Globals"));
  const json& list = resources["ListOrders"];
  CHECK(list["Type"] == "AWS::Lambda::Function");
  CHECK(list["Properties"]["Code"] == "src/list");
  CHECK(list["Properties"]["Runtime"] == "python3.12");
  CHECK(list["Properties"]["Timeout"] == 9);
  CHECK(list["Properties"]["Environment"]["Variables"] == json::parse(R"({"STAGE":"test","TABLE":{"Ref":"Orders"}})"));
  CHECK(list["Properties"]["Role"] == json::parse(R"({"Fn::GetAtt":["ListOrdersRole","Arn"]})"));
  CHECK(resources["Worker"]["Properties"]["Code"]["ZipFile"] == "def handler(e, c): return 1");
  CHECK(resources["Worker"]["Properties"]["Timeout"] == 30);
  CHECK(cfn["Outputs"] == kShop["Outputs"]);
}

TEST_CASE("SAM roles hold the basic execution role, policy templates and what events need", "[sam]") {
  json resources = expand_ok(kShop)["Resources"];
  const json& role = resources["ListOrdersRole"]["Properties"];
  CHECK(resources["ListOrdersRole"]["Type"] == "AWS::IAM::Role");
  CHECK(role["ManagedPolicyArns"] == json::parse(R"(["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                                                    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])"));
  const json& statement = role["Policies"][0]["PolicyDocument"]["Statement"][0];
  CHECK(role["Policies"][0]["PolicyName"] == "ListOrdersRolePolicy0");
  CHECK(statement["Action"].size() == 5);
  CHECK(statement["Resource"][0] ==
        json::parse(R"({"Fn::Sub":["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}",
                                    {"TableName":{"Ref":"Orders"}}]})"));
  const json& worker_managed = resources["WorkerRole"]["Properties"]["ManagedPolicyArns"];
  CHECK(worker_managed.size() == 3);  // basic, SQS poller, DynamoDB stream reader
  CHECK(worker_managed[1] == "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole");
}

TEST_CASE("SAM Api events build the implicit ServerlessRestApi with shared path resources", "[sam]") {
  json resources = expand_ok(kShop)["Resources"];
  CHECK(resources["ServerlessRestApi"]["Type"] == "AWS::ApiGateway::RestApi");
  CHECK(resources["ServerlessRestApiResourceOrders"]["Properties"]["PathPart"] == "orders");
  const json& id_resource = resources["ServerlessRestApiResourceOrdersIdVar"]["Properties"];
  CHECK(id_resource["PathPart"] == "{id}");
  CHECK(id_resource["ParentId"] == json::parse(R"({"Ref":"ServerlessRestApiResourceOrders"})"));
  const json& method = resources["ServerlessRestApiMethodOrdersIdVarGet"]["Properties"];
  CHECK(method["HttpMethod"] == "GET");
  CHECK(method["Integration"]["Type"] == "AWS_PROXY");
  CHECK(resources["ServerlessRestApiDeployment"]["DependsOn"].size() == 2);
  CHECK(resources["ServerlessRestApiProdStage"]["Properties"]["StageName"] == "Prod");
  CHECK(resources["ListOrdersGetPermission"]["Properties"]["Principal"] == "apigateway.amazonaws.com");
}

TEST_CASE("SAM HttpApi events build the implicit ServerlessHttpApi", "[sam]") {
  json resources = expand_ok(kShop)["Resources"];
  CHECK(resources["ServerlessHttpApi"]["Properties"]["ProtocolType"] == "HTTP");
  CHECK(resources["ServerlessHttpApiApiGatewayDefaultStage"]["Properties"]["AutoDeploy"] == true);
  CHECK(resources["ListOrdersHttpRoute"]["Properties"]["RouteKey"] == "GET /o");
  CHECK(resources["ListOrdersHttpIntegration"]["Properties"]["PayloadFormatVersion"] == "2.0");
}

TEST_CASE("SAM queue, topic, bucket, schedule, rule and stream events", "[sam]") {
  json resources = expand_ok(kShop)["Resources"];
  CHECK(resources["WorkerQueue"]["Type"] == "AWS::Lambda::EventSourceMapping");
  CHECK(resources["WorkerQueue"]["Properties"]["BatchSize"] == 5);
  CHECK(resources["WorkerTopic"]["Type"] == "AWS::SNS::Subscription");
  CHECK(resources["WorkerTopicPermission"]["Properties"]["SourceArn"] == json::parse(R"({"Ref":"Alerts"})"));
  const json& bucket = resources["Uploads"];
  CHECK(bucket["Properties"]["NotificationConfiguration"]["LambdaConfigurations"][0]["Event"] == "s3:ObjectCreated:*");
  CHECK(bucket["DependsOn"] == json::array({"WorkerUploadPermission"}));
  CHECK(resources["WorkerNightly"]["Properties"]["ScheduleExpression"] == "rate(1 day)");
  CHECK(resources["WorkerNightlyPermission"]["Properties"]["Principal"] == "events.amazonaws.com");
  CHECK(resources["WorkerHourly"]["Type"] == "AWS::Scheduler::Schedule");
  CHECK(resources["WorkerHourlyRole"]["Type"] == "AWS::IAM::Role");
  CHECK(resources["WorkerChanges"]["Properties"]["EventPattern"] == json::parse(R"({"source":["shop"]})"));
  CHECK(resources["WorkerStream"]["Properties"]["StartingPosition"] == "LATEST");
  CHECK(resources["Orders"]["Type"] == "AWS::DynamoDB::Table");
  CHECK(resources["Orders"]["Properties"]["KeySchema"][0]["AttributeName"] == "id");
}

TEST_CASE("SAM explicit APIs, state machines and layers", "[sam]") {
  json resources = expand_ok(json::parse(R"({
    "Transform": ["AWS::Serverless-2016-10-31"],
    "Globals": {"Api": {"EndpointConfiguration": "REGIONAL"}},
    "Resources": {
      "Gateway": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "v1"}},
      "Deps": {"Type": "AWS::Serverless::LayerVersion", "Properties": {"ContentUri": "layer/", "LayerName": "deps"}},
      "Fn": {"Type": "AWS::Serverless::Function", "Properties": {
        "CodeUri": "s3://artifacts/fn.zip", "Handler": "a.b", "Runtime": "nodejs20.x", "Layers": [{"Ref": "Deps"}],
        "AutoPublishAlias": "live", "FunctionUrlConfig": {"AuthType": "NONE", "Cors": {"AllowOrigins": ["*"]}},
        "Events": {"Root": {"Type": "Api", "Properties": {"Path": "/", "Method": "any", "RestApiId": {"Ref": "Gateway"}}}}}},
      "Flow": {"Type": "AWS::Serverless::StateMachine", "Properties": {
        "Definition": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}},
        "Policies": [{"LambdaInvokePolicy": {"FunctionName": {"Ref": "Fn"}}}]}}
    }})"))["Resources"];
  CHECK(resources["Gateway"]["Properties"]["EndpointConfiguration"] == json::parse(R"({"Types":["REGIONAL"]})"));
  CHECK(resources["GatewayV1Stage"]["Properties"]["StageName"] == "v1");
  CHECK(resources["GatewayMethodAny"]["Properties"]["ResourceId"] == json::parse(R"({"Fn::GetAtt":["Gateway","RootResourceId"]})"));
  CHECK_FALSE(resources.contains("ServerlessRestApi"));
  CHECK(resources["Fn"]["Properties"]["Code"] == json::parse(R"({"S3Bucket":"artifacts","S3Key":"fn.zip"})"));
  CHECK(resources["FnAliasLive"]["Properties"]["FunctionVersion"] == json::parse(R"({"Fn::GetAtt":["FnVersion","Version"]})"));
  CHECK(resources["Deps"]["Properties"]["Content"] == "layer/");
  CHECK(resources["FnUrl"]["Properties"]["AuthType"] == "NONE");
  CHECK(resources["FnUrlPublicPermissions"]["Properties"]["Action"] == "lambda:InvokeFunctionUrl");
  CHECK(resources["Flow"]["Properties"]["RoleArn"] == json::parse(R"({"Fn::GetAtt":["FlowRole","Arn"]})"));
  CHECK(resources["FlowRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"][0] == "lambda:InvokeFunction");
}

TEST_CASE("SAM templates the expansion does not cover are refused with the reason", "[sam]") {
  CHECK(skip_reason(R"({"Transform": "AWS::Serverless-2016-10-31", "Resources": {"F": {"Type": "AWS::Serverless::Function",
        "Properties": {"Handler": "a.b", "Events": {"I": {"Type": "IoTRule", "Properties": {}}}}}}})") ==
        "SAM event type IoTRule not translated");
  CHECK(skip_reason(R"({"Transform": "AWS::Serverless-2016-10-31", "Resources": {"F": {"Type": "AWS::Serverless::Function",
        "Properties": {"Handler": "a.b", "Policies": [{"MadeUpPolicy": {}}]}}}})") ==
        "SAM policy template MadeUpPolicy not translated");
  CHECK(skip_reason(R"({"Transform": "AWS::Serverless-2016-10-31", "Resources": {"F": {"Type": "AWS::Serverless::Function",
        "Properties": {"Handler": "a.b", "Policies": [{"S3ReadPolicy": {}}]}}}})") ==
        "SAM policy template S3ReadPolicy: missing parameter BucketName");
  CHECK(skip_reason(R"({"Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"], "Resources": {}})") ==
        "transform AWS::LanguageExtensions not translated");
  CHECK(skip_reason(R"({"Resources": {"A": {"Type": "AWS::Serverless::Application"}}})") ==
        "SAM resource type AWS::Serverless::Application not translated");
  CHECK(skip_reason(R"({"Resources": {"F": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.b",
        "Events": {"S": {"Type": "S3", "Properties": {"Bucket": "literal", "Events": "s3:ObjectCreated:*"}}}}}}})") ==
        "SAM event FS: Bucket is not a Ref to a bucket of the template");
  CHECK(skip_reason(R"({"Resources": {"F": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.b",
        "DeploymentPreference": {"Type": "Canary10Percent5Minutes"}}}}})") ==
        "SAM Function property DeploymentPreference not translated");
  CHECK(skip_reason(R"({"Resources": []})") == "SAM template has no Resources map");
  CHECK(skip_reason(R"({"Resources": {"F": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {"E": {"Type": "SQS",
        "Properties": {"BatchSize": 1}}}}}}})") == "SAM event FE lacks Queue");
}

TEST_CASE("SAM Globals merge maps, append lists and let a resource's own values win", "[sam]") {
  json resources = expand_ok(json::parse(R"({"Globals": {"Function": {"Layers": ["g"], "MemorySize": 128,
      "Tags": {"team": "a"}, "Environment": {"Variables": {"A": "1", "B": "2"}}}},
    "Resources": {"F": {"Type": "AWS::Serverless::Function", "Properties": {"Handler": "a.b", "Layers": ["own"],
      "MemorySize": 256, "Environment": {"Variables": {"B": {"Ref": "P"}}}}}}})"))["Resources"];
  const json& properties = resources["F"]["Properties"];
  CHECK(properties["Layers"] == json::array({"g", "own"}));
  CHECK(properties["MemorySize"] == 256);
  CHECK(properties["Environment"]["Variables"] == json::parse(R"({"A":"1","B":{"Ref":"P"}})"));
  CHECK(properties["Tags"] == json::parse(R"([{"Key":"team","Value":"a"}])"));
  CHECK(properties["Code"] == ".");
}

}  // namespace
}  // namespace lsqm
