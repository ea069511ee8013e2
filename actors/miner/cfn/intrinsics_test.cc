#include "actors/miner/cfn/intrinsics.h"

#include <catch2/catch.hpp>

#include "actors/miner/cfn/cfn_test_support.h"

using namespace lsqm::cfn::testing;
using nlohmann::json;

namespace {

// One queue named by `name_yaml`, translated: the queue's `name` argument.
std::string queue_name(const std::string& name_yaml, const std::string& extra_sections = "") {
  const auto r = translate(extra_sections + "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: " +
                           name_yaml + "\n  T:\n    Type: AWS::SNS::Topic\n");
  INFO(r.skip_reason);
  REQUIRE(r.skip_reason.empty());
  return r.resource("aws_sqs_queue", "Q")["name"].get<std::string>();
}

const std::string kParameters = "Parameters:\n  Env: {Type: String, Default: dev}\n";

}  // namespace

TEST_CASE("Ref: parameters, resources and pseudo parameters", "[cfn]") {
  CHECK(queue_name("!Ref Env", kParameters) == "${var.env}");
  CHECK(queue_name("!Ref T") == "${aws_sns_topic.T.arn}");
  CHECK(queue_name("!Ref AWS::Region") == "${data.aws_region.current.name}");
  CHECK(queue_name("!Ref AWS::AccountId") == "${data.aws_caller_identity.current.account_id}");
  CHECK(queue_name("!Ref AWS::StackName") == "${\"lsqm-stack\"}");
  const auto r = translate("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref AWS::NoValue\n");
  CHECK_FALSE(r.resource("aws_sqs_queue", "Q").contains("name"));  // AWS::NoValue: the property is absent
}

TEST_CASE("Fn::GetAtt in both forms, and Fn::Sub with pseudo parameters, variables and escapes", "[cfn]") {
  CHECK(queue_name("!GetAtt T.TopicName") == "${aws_sns_topic.T.name}");
  CHECK(queue_name("{\"Fn::GetAtt\": [T, TopicName]}") == "${aws_sns_topic.T.name}");
  CHECK(queue_name("!Sub \"${AWS::StackName}-${Env}-${AWS::Partition}\"", kParameters) ==
        "${\"lsqm-stack-${var.env}-${data.aws_partition.current.partition}\"}");
  CHECK(queue_name("!Sub [\"q-${Name}-${T.TopicName}\", {Name: !Ref Env}]", kParameters) ==
        "${\"q-${var.env}-${aws_sns_topic.T.name}\"}");
  CHECK(queue_name("!Sub \"literal-${!Keep}-\\\"q\\\"\"") == "${\"literal-$${Keep}-\\\"q\\\"\"}");
  CHECK(queue_name("!Sub \"${AWS::URLSuffix}\"") == "${\"${data.aws_partition.current.dns_suffix}\"}");
}

TEST_CASE("Fn::Join, Fn::Select, Fn::Split, Fn::Base64, Fn::GetAZs, Fn::Cidr", "[cfn]") {
  CHECK(queue_name("!Join [\"-\", [a, !Ref Env]]", kParameters) == "${join(\"-\", [\"a\", var.env])}");
  CHECK(queue_name("!Select [1, !Split [\",\", \"a,b\"]]") == "${element(split(\",\", \"a,b\"), 1)}");
  CHECK(queue_name("!Base64 x") == "${base64encode(\"x\")}");
  CHECK(queue_name("!Select [0, !GetAZs \"\"]") == "${element(data.aws_availability_zones.available.names, 0)}");
  CHECK(queue_name("!Select [0, !Cidr [\"10.0.0.0/16\", 4, 8]]") ==
        "${element([for i in range(4) : cidrsubnet(\"10.0.0.0/16\", 32 - 8 - tonumber(split(\"/\", \"10.0.0.0/16\")[1]), "
        "i)], 0)}");
  CHECK(queue_name("plain-${x}") == "plain-$${x}");  // a literal is never a template
}

TEST_CASE("Conditions become locals; Fn::If, a resource's Condition, and a conditional list element", "[cfn]") {
  const auto r = translate(R"(
Parameters:
  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
  Region2: {Type: String, Default: ""}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  HasRegion: !Not [!Equals [!Ref Region2, ""]]
  Both: !And [!Condition IsProd, !Condition HasRegion]
  Either: !Or [!Condition IsProd, {"Fn::Equals": [!Ref "AWS::Region", us-east-1]}]
Resources:
  Q:
    Type: AWS::SQS::Queue
    Condition: IsProd
    Properties:
      DelaySeconds: !If [IsProd, 5, !Ref "AWS::NoValue"]
      Tags:
        - {Key: k, Value: !If [Either, a, b]}
  T:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !If [IsProd, !GetAtt Q.QueueName, other]
  P:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Q]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [sqs:SendMessage, !If [Both, sqs:ReceiveMessage, !Ref "AWS::NoValue"]]
Outputs:
  QueueUrl: {Condition: IsProd, Value: !Ref Q}
)");
  INFO(r.skip_reason);
  REQUIRE(r.skip_reason.empty());
  const auto& locals = r.tf["locals"];
  CHECK(locals["condition_IsProd"] == "${(var.env == \"prod\")}");
  CHECK(locals["condition_HasRegion"] == "${!((var.region2 == \"\"))}");
  CHECK(locals["condition_Both"] == "${(local.condition_IsProd && local.condition_HasRegion)}");
  CHECK(locals["condition_Either"] ==
        "${(local.condition_IsProd || (data.aws_region.current.name == \"us-east-1\"))}");
  const auto& q = r.resource("aws_sqs_queue", "Q");
  CHECK(q["count"] == "${local.condition_IsProd ? 1 : 0}");
  CHECK(q["delay_seconds"] == "${(local.condition_IsProd ? 5 : null)}");
  CHECK(r.resource("aws_sns_topic", "T")["name"] ==
        "${(local.condition_IsProd ? one(aws_sqs_queue.Q[*].name) : \"other\")}");
  CHECK(r.resource("aws_sqs_queue_policy", "P")["policy"].get<std::string>().find(
            "concat([\"sqs:SendMessage\"], (local.condition_Both ? [\"sqs:ReceiveMessage\"] : []))") != std::string::npos);
  CHECK(r.tf["output"]["QueueUrl"]["value"] == "${(local.condition_IsProd ? one(aws_sqs_queue.Q[*].id) : null)}");
}

TEST_CASE("Fn::FindInMap reads Mappings as a local; DependsOn becomes depends_on", "[cfn]") {
  const auto r = translate(R"(
Mappings:
  Sizes:
    us-east-1: {Delay: 3}
    eu-west-1: {Delay: 4}
Resources:
  Q:
    Type: AWS::SQS::Queue
    DependsOn: T
    Properties:
      DelaySeconds: !FindInMap [Sizes, !Ref "AWS::Region", Delay]
  T:
    Type: AWS::SNS::Topic
    Properties:
      Subscription: [{Protocol: sqs, Endpoint: arn:aws:sqs:us-east-1:000000000000:x}]
)");
  REQUIRE(r.skip_reason.empty());
  CHECK(r.tf["locals"]["mappings"] == json::parse(R"({"Sizes":{"eu-west-1":{"Delay":4},"us-east-1":{"Delay":3}}})"));
  CHECK(r.resource("aws_sqs_queue", "Q")["delay_seconds"] ==
        "${local.mappings[\"Sizes\"][data.aws_region.current.name][\"Delay\"]}");
  // The topic's subscription is a block of its own: depending on T means on both.
  CHECK(r.resource("aws_sqs_queue", "Q")["depends_on"] ==
        json::parse(R"(["aws_sns_topic.T","aws_sns_topic_subscription.T_subscription0"])"));
}

TEST_CASE("an intrinsic or reference outside what is translated is refused by name", "[cfn]") {
  const auto refused = [](const std::string& name_yaml) {
    return translate("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: " + name_yaml + "\n")
        .skip_reason;
  };
  CHECK(refused("!ImportValue shared-name") == "untranslated: Fn::ImportValue");
  CHECK(refused("!Ref Missing") == "untranslated: Ref to undefined Missing");
  CHECK(refused("!GetAtt Q.NoSuchAttribute") == "untranslated: Fn::GetAtt AWS::SQS::Queue.NoSuchAttribute");
  CHECK(refused("!Ref AWS::NoSuchPseudo") == "untranslated: Ref AWS::NoSuchPseudo");
  CHECK(refused("{\"Fn::Transform\": {Name: AWS::Include}}") == "untranslated: Fn::Transform");
  CHECK(refused("!Select [0]") == "untranslated: Fn::Select with malformed arguments");
}

TEST_CASE("HCL and template escaping keep literal text literal", "[cfn]") {
  CHECK(lsqm::cfn::hcl_quote("a\"b\\c\n${x}%{y}") == "\"a\\\"b\\\\c\\n$${x}%%{y}\"");
  CHECK(lsqm::cfn::template_escape("${a} $b %{c}") == "$${a} $b %%{c}");
}
