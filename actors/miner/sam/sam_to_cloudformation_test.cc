#include "actors/miner/sam/sam_to_cloudformation.h"

#include <catch2/catch.hpp>

#include "formats/yaml_document.h"

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

TEST_CASE("SAM broker and cluster events map to event source mappings with the access they need", "[sam]") {
  json resources = expand_ok(json::parse(R"({"Resources": {"Consumer": {"Type": "AWS::Serverless::Function", "Properties": {
      "Handler": "a.b", "Runtime": "java21", "Events": {
        "Broker": {"Type": "MQ", "Properties": {"Broker": "arn:aws:mq:us-east-1:1:broker:b", "Queues": ["orders"],
          "SourceAccessConfigurations": [{"Type": "BASIC_AUTH", "URI": {"Ref": "BrokerSecret"}}]}},
        "Kafka": {"Type": "MSK", "Properties": {"Stream": "arn:aws:kafka:us-east-1:1:cluster/c", "Topics": ["t"],
          "StartingPosition": "LATEST", "ConsumerGroupId": "g"}}}}}}})"))["Resources"];
  CHECK(resources["ConsumerBroker"]["Properties"]["Queues"] == json::array({"orders"}));
  CHECK(resources["ConsumerKafka"]["Properties"]["AmazonManagedKafkaEventSourceConfig"]["ConsumerGroupId"] == "g");
  const json& role = resources["ConsumerRole"]["Properties"];
  CHECK(role["ManagedPolicyArns"][1] == "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole");
  const json& statements = role["Policies"][0]["PolicyDocument"]["Statement"];
  CHECK(role["Policies"][0]["PolicyName"] == "ConsumerRoleEventSourcePolicy");
  CHECK(statements[0]["Action"] == "mq:DescribeBroker");
  CHECK(statements[2]["Resource"] == json::parse(R"({"Ref":"BrokerSecret"})"));
}

TEST_CASE("SAM explicit APIs, state machines and layers", "[sam]") {
  json expanded = expand_ok(json::parse(R"({
    "Transform": ["AWS::Serverless-2016-10-31"],
    "Globals": {"Api": {"EndpointConfiguration": "REGIONAL", "Cors": {"AllowOrigin": "'https://example.org'"}}},
    "Resources": {
      "Gateway": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "v1", "Auth": {"ApiKeyRequired": true,
        "UsagePlan": {"CreateUsagePlan": "PER_API", "Quota": {"Limit": 100, "Period": "DAY"}},
        "ResourcePolicy": {"CustomStatements": [{"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
                                                 "Resource": "execute-api:/*"}]}}}},
      "Deps": {"Type": "AWS::Serverless::LayerVersion", "Properties": {"ContentUri": "layer/", "LayerName": "deps"}},
      "Fn": {"Type": "AWS::Serverless::Function", "Properties": {
        "CodeUri": "s3://artifacts/fn.zip", "Handler": "a.b", "Runtime": "nodejs20.x", "Layers": [{"Ref": "Deps"}],
        "AutoPublishAlias": "live", "FunctionUrlConfig": {"AuthType": "NONE", "Cors": {"AllowOrigins": ["*"]}},
        "Events": {"Root": {"Type": "Api", "Properties": {"Path": "/", "Method": "any", "RestApiId": {"Ref": "Gateway"}}}}}},
      "Flow": {"Type": "AWS::Serverless::StateMachine", "Properties": {
        "Definition": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}},
        "Policies": [{"LambdaInvokePolicy": {"FunctionName": {"Ref": "Fn.Alias"}}}],
        "Events": {"Uploaded": {"Type": "EventBridgeRule", "Properties": {"Pattern": {"source": ["aws.s3"]}}}}}}
    },
    "Outputs": {"Stage": {"Value": {"Ref": "Gateway.Stage"}}, "Deployment": {"Value": {"Ref": "Gateway.Deployment"}}}})"));
  const json& resources = expanded["Resources"];
  CHECK(expanded["Outputs"]["Stage"]["Value"] == json::parse(R"({"Ref":"GatewayV1Stage"})"));
  CHECK(expanded["Outputs"]["Deployment"]["Value"] == json::parse(R"({"Ref":"GatewayDeployment"})"));
  CHECK(resources["FlowRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Resource"][0]["Fn::Sub"][1]["FunctionName"] ==
        json::parse(R"({"Ref":"FnAliasLive"})"));
  CHECK(resources["Gateway"]["Properties"]["EndpointConfiguration"] == json::parse(R"({"Types":["REGIONAL"]})"));
  CHECK(resources["GatewayV1Stage"]["Properties"]["StageName"] == "v1");
  CHECK(resources["GatewayMethodAny"]["Properties"]["ApiKeyRequired"] == true);
  CHECK(resources["Gateway"]["Properties"]["Policy"]["Statement"][0]["Action"] == "execute-api:Invoke");
  CHECK(resources["GatewayUsagePlan"]["Properties"]["ApiStages"][0]["Stage"] == json::parse(R"({"Ref":"GatewayV1Stage"})"));
  CHECK(resources["GatewayUsagePlanKey"]["Properties"]["KeyId"] == json::parse(R"({"Ref":"GatewayApiKey"})"));
  CHECK(resources["GatewayMethodAny"]["Properties"]["ResourceId"] == json::parse(R"({"Fn::GetAtt":["Gateway","RootResourceId"]})"));
  CHECK_FALSE(resources.contains("ServerlessRestApi"));
  const json& preflight = resources["GatewayMethodOptions"]["Properties"];
  CHECK(preflight["Integration"]["Type"] == "MOCK");
  CHECK(preflight["Integration"]["IntegrationResponses"][0]["ResponseParameters"] ==
        json::parse(R"({"method.response.header.Access-Control-Allow-Origin": "'https://example.org'",
                        "method.response.header.Access-Control-Allow-Methods": "'ANY,OPTIONS'"})"));
  CHECK(preflight["MethodResponses"][0]["ResponseParameters"]["method.response.header.Access-Control-Allow-Origin"] == true);
  CHECK(resources["GatewayDeployment"]["DependsOn"] == json::array({"GatewayMethodAny", "GatewayMethodOptions"}));
  CHECK(resources["Fn"]["Properties"]["Code"] == json::parse(R"({"S3Bucket":"artifacts","S3Key":"fn.zip"})"));
  CHECK(resources["FnAliasLive"]["Properties"]["FunctionVersion"] == json::parse(R"({"Fn::GetAtt":["FnVersion","Version"]})"));
  CHECK(resources["Deps"]["Properties"]["Content"] == "layer/");
  CHECK(resources["FnUrl"]["Properties"]["AuthType"] == "NONE");
  CHECK(resources["FnUrlPublicPermissions"]["Properties"]["Action"] == "lambda:InvokeFunctionUrl");
  CHECK(resources["Flow"]["Properties"]["RoleArn"] == json::parse(R"({"Fn::GetAtt":["FlowRole","Arn"]})"));
  CHECK(resources["FlowUploaded"]["Properties"]["Targets"][0]["RoleArn"] == json::parse(R"({"Fn::GetAtt":["FlowUploadedRole","Arn"]})"));
  CHECK(resources["FlowUploadedRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"] == "states:StartExecution");
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
  CHECK(skip_reason(R"({"Resources": {"A": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "p",
        "Auth": {"DefaultAuthorizer": "Cognito", "Authorizers": {}}}}}})") == "SAM Api Auth property Authorizers not translated");
  CHECK(skip_reason(R"({"Resources": {"F": {"Type": "AWS::Serverless::Function", "Properties": {"PackageType": "Image"}}}})") ==
        "needs build: container image");
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

TEST_CASE("SAM local documents are inlined: DefinitionUri and AWS::Include", "[sam]") {
  std::map<std::string, std::string> unit_files = {
      {"stack/flows/order.asl.yaml", "StartAt: Wait\nStates:\n  Wait: {Type: Wait, Seconds: 5, End: true}\n"},
      {"stack/api/openapi.json", R"({"openapi": "3.0.1", "paths": {}})"},
      {"stack/template.yaml", "unused here"}};
  TemplateFiles files{&unit_files, "stack"};
  Expansion expansion = sam_to_cloudformation(json::parse(R"({"Transform": "AWS::Serverless-2016-10-31", "Resources": {
      "Flow": {"Type": "AWS::Serverless::StateMachine", "Properties": {"DefinitionUri": "flows/order.asl.yaml"}},
      "Gateway": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "v1", "DefinitionBody":
        {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "./api/openapi.json"}}}}}}})"), files);
  INFO(expansion.skip_reason);
  REQUIRE(expansion.skip_reason.empty());
  const json& resources = expansion.cloudformation["Resources"];
  CHECK(resources["Flow"]["Properties"]["Definition"]["States"]["Wait"]["Seconds"] == 5);
  CHECK(resources["Gateway"]["Properties"]["Body"]["openapi"] == "3.0.1");

  CHECK(sam_to_cloudformation(json::parse(R"({"Resources": {"Flow": {"Type": "AWS::Serverless::StateMachine",
      "Properties": {"DefinitionUri": "../../etc/passwd"}}}})"), files).skip_reason == "local file ../../etc/passwd is outside the unit");
  CHECK(sam_to_cloudformation(json::parse(R"({"Resources": {"Flow": {"Type": "AWS::Serverless::StateMachine",
      "Properties": {"DefinitionUri": "flows/missing.json"}}}})"), files).skip_reason == "local file flows/missing.json is not among the unit's files");
  CHECK(sam_to_cloudformation(json::parse(R"({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties":
      {"Fn::Transform": {"Name": "MyMacro"}}}}})")).skip_reason == "transform MyMacro not translated");
}

TEST_CASE("SAM YAML with short tags expands like its JSON long form", "[sam]") {
  const char* yaml = R"(AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    MemorySize: 256
Resources:
  Notes:
    Type: AWS::Serverless::SimpleTable
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Environment:
        Variables:
          TABLE: !Ref Notes
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Notes
      Events:
        Read:
          Type: HttpApi
          Properties: {Path: /notes, Method: get}
        Tick:
          Type: Schedule
          Properties:
            Schedule: rate(5 minutes)
            Input: !Sub '{"table": "${Notes}"}'
Outputs:
  Url:
    Value: !Sub https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com/
  Role:
    Value: !GetAtt ApiRole.Arn
)";
  const char* json_text = R"J({"AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::Serverless-2016-10-31",
    "Globals": {"Function": {"Runtime": "nodejs20.x", "MemorySize": 256}},
    "Resources": {"Notes": {"Type": "AWS::Serverless::SimpleTable"},
      "Api": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/", "Handler": "app.handler",
        "Environment": {"Variables": {"TABLE": {"Ref": "Notes"}}},
        "Policies": [{"DynamoDBCrudPolicy": {"TableName": {"Ref": "Notes"}}}],
        "Events": {"Read": {"Type": "HttpApi", "Properties": {"Path": "/notes", "Method": "get"}},
                   "Tick": {"Type": "Schedule", "Properties": {"Schedule": "rate(5 minutes)",
                                                               "Input": {"Fn::Sub": "{\"table\": \"${Notes}\"}"}}}}}}},
    "Outputs": {"Url": {"Value": {"Fn::Sub": "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com/"}},
                "Role": {"Value": {"Fn::GetAtt": ["ApiRole", "Arn"]}}}})J";
  json from_yaml = expand_ok(read_yaml_document(yaml));
  json from_json = expand_ok(read_yaml_document(json_text));
  CHECK(from_yaml.dump() == from_json.dump());
  CHECK(from_yaml["Resources"]["ApiRole"]["Type"] == "AWS::IAM::Role");
  CHECK(from_yaml["Resources"]["ApiTick"]["Properties"]["Targets"][0]["Input"] == json::parse(R"({"Fn::Sub":"{\"table\": \"${Notes}\"}"})"));
}

}  // namespace
}  // namespace lsqm
