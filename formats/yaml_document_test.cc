#include "formats/yaml_document.h"

#include <string>

#include <catch2/catch.hpp>

using namespace lsqm;
using nlohmann::json;

namespace {

// The FormatError message of reading `text`, or "" when it reads.
std::string refusal(const std::string& text, const YamlLimits& limits = {}) {
  try {
    (void)read_yaml_document(text, limits);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("CloudFormation short tags read in their long form", "[yaml]") {
  const auto doc = read_yaml_document(R"(
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${AWS::StackName}-q"
      Tags:
        - Key: arn
          Value: !GetAtt Topic.Arn
        - Key: nested
          Value: !GetAtt Stack.Outputs.Name
        - Key: listed
          Value: !GetAtt [Topic, TopicName]
        - Key: ref
          Value: !Ref Topic
        - Key: joined
          Value: !Join [",", [a, !Ref Topic]]
        - Key: chosen
          Value: !If [IsProd, !Select [0, !GetAZs ""], !Base64 {"Fn::Sub": "x"}]
        - Key: sub-list
          Value: !Sub ["${X}", {X: !ImportValue Other}]
Conditions:
  IsProd: !And [!Equals [!Ref Env, prod], !Not [!Condition Other]]
)");
  const auto& tags = doc["Resources"]["Queue"]["Properties"]["Tags"];
  CHECK(doc["Resources"]["Queue"]["Properties"]["QueueName"] == json{{"Fn::Sub", "${AWS::StackName}-q"}});
  CHECK(tags[0]["Value"] == json::parse(R"({"Fn::GetAtt":["Topic","Arn"]})"));
  CHECK(tags[1]["Value"] == json::parse(R"({"Fn::GetAtt":["Stack","Outputs.Name"]})"));
  CHECK(tags[2]["Value"] == json::parse(R"({"Fn::GetAtt":["Topic","TopicName"]})"));
  CHECK(tags[3]["Value"] == json::parse(R"({"Ref":"Topic"})"));
  CHECK(tags[4]["Value"] == json::parse(R"({"Fn::Join":[",",["a",{"Ref":"Topic"}]]})"));
  CHECK(tags[5]["Value"] ==
        json::parse(R"({"Fn::If":["IsProd",{"Fn::Select":[0,{"Fn::GetAZs":""}]},{"Fn::Base64":{"Fn::Sub":"x"}}]})"));
  CHECK(tags[6]["Value"] == json::parse(R"({"Fn::Sub":["${X}",{"X":{"Fn::ImportValue":"Other"}}]})"));
  CHECK(doc["Conditions"]["IsProd"] ==
        json::parse(R"({"Fn::And":[{"Fn::Equals":[{"Ref":"Env"},"prod"]},{"Fn::Not":[{"Condition":"Other"}]}]})"));
}

TEST_CASE("plain scalars are typed by the core schema, quoted ones stay strings", "[yaml]") {
  const auto doc = read_yaml_document(R"(
AWSTemplateFormatVersion: 2010-09-09
int: 30
negative: -4
float: 1.5
exp: 1e3
huge_exp: 1.5e99999
quoted: "30"
single: 'true'
yes_word: yes
on_word: on
bool: true
Bool: False
account: 012345678901
long: 1234567890123456789012
hex: 0x1f
inf: .inf
tilde: ~
empty:
null_word: null
forced: !!str 12
ref_number: !Ref 12
)");
  CHECK(doc["AWSTemplateFormatVersion"] == "2010-09-09");
  CHECK(doc["int"] == 30);
  CHECK(doc["negative"] == -4);
  CHECK(doc["float"] == 1.5);
  CHECK(doc["exp"] == 1000.0);
  CHECK(doc["huge_exp"] == "1.5e99999");
  CHECK(doc["quoted"] == "30");
  CHECK(doc["single"] == "true");
  CHECK(doc["yes_word"] == "yes");
  CHECK(doc["on_word"] == "on");
  CHECK(doc["bool"] == true);
  CHECK(doc["Bool"] == false);
  CHECK(doc["account"] == "012345678901");
  CHECK(doc["long"] == "1234567890123456789012");
  CHECK(doc["hex"] == "0x1f");
  CHECK(doc["inf"] == ".inf");
  CHECK(doc["tilde"].is_null());
  CHECK(doc["empty"].is_null());
  CHECK(doc["null_word"].is_null());
  CHECK(doc["forced"] == "12");
  CHECK(doc["ref_number"] == json{{"Ref", "12"}});
}

TEST_CASE("a template as YAML and as JSON reads to the same value", "[yaml]") {
  const auto yaml = read_yaml_document(R"(
Parameters:
  Size: {Type: Number, Default: 5}
Resources:
  B:
    Type: AWS::S3::Bucket
    DependsOn: [A]
    Properties:
      BucketName: !Join ["-", [!Ref "AWS::StackName", data]]
      Enabled: true
      Ratio: 0.25
)");
  const auto json_doc = read_yaml_document("\xEF\xBB\xBF" R"(
  {"Parameters": {"Size": {"Type": "Number", "Default": 5}},
   "Resources": {"B": {"Type": "AWS::S3::Bucket", "DependsOn": ["A"],
     "Properties": {"BucketName": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, "data"]]},
                    "Enabled": true, "Ratio": 0.25}}}})");
  CHECK(yaml == json_doc);
  CHECK(yaml.dump() == json_doc.dump());
}

TEST_CASE("anchors, aliases and merge keys are honoured", "[yaml]") {
  const auto doc = read_yaml_document(R"(
defaults: &defaults
  runtime: python3.12
  memory: 128
a:
  <<: *defaults
  memory: 256
b: *defaults
list: [&x one, *x]
)");
  CHECK(doc["a"] == json::parse(R"({"runtime":"python3.12","memory":256})"));
  CHECK(doc["b"] == json::parse(R"({"runtime":"python3.12","memory":128})"));
  CHECK(doc["list"] == json::parse(R"(["one","one"])"));
}

TEST_CASE("an alias bomb is refused by its node count, not expanded", "[yaml]") {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k) bomb += ", " + prev;
    bomb += "]\n";
  }
  CHECK_THAT(refusal(bomb), Catch::Contains("more than 500000 nodes"));
  YamlLimits small;
  small.max_nodes = 50;
  CHECK_THAT(refusal("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a, *a]\n", small),
             Catch::Contains("more than 50 nodes"));
}

TEST_CASE("duplicate keys are refused in YAML and in JSON", "[yaml]") {
  CHECK_THAT(refusal("Resources:\n  A: 1\n  B: 2\n  A: 3\n"), Catch::Contains("YAML line 4: duplicate key \"A\""));
  CHECK_THAT(refusal(R"({"Resources": {"A": 1, "A": 2}})"), Catch::Contains("JSON: duplicate key \"A\""));
}

TEST_CASE("deep nesting is refused without exhausting the stack", "[yaml]") {
  CHECK_THAT(refusal(std::string(200, '[') + std::string(200, ']')), Catch::Contains("nested deeper than 128"));
  CHECK_THAT(refusal(std::string(100000, '[')), Catch::StartsWith("YAML line 1: "));
  CHECK_THAT(refusal("{" + std::string(100000, '[')), Catch::StartsWith("JSON: "));
  std::string block;
  for (int i = 0; i < 300; ++i) block += std::string(i, ' ') + "k:\n";
  CHECK_THAT(refusal(block), Catch::Contains("nested deeper than 128"));
}

TEST_CASE("malformed or unsupported documents are refused with a reason", "[yaml]") {
  CHECK_THAT(refusal("a: [1, 2\nb: c\n"), Catch::StartsWith("YAML line "));
  CHECK_THAT(refusal("a: b\n  c: d\n"), Catch::StartsWith("YAML line 2: "));
  CHECK_THAT(refusal("x: !Unknown y\n"), Catch::Contains("unsupported tag !Unknown"));
  CHECK_THAT(refusal("x: !!binary aGk=\n"), Catch::Contains("unsupported tag"));
  CHECK_THAT(refusal("? [a, b]\n: c\n"), Catch::Contains("a mapping key must be a scalar"));
  CHECK_THAT(refusal("a: 1\n---\nb: 2\n"), Catch::Contains("more than one YAML document"));
  CHECK_THAT(refusal(""), Catch::Contains("empty YAML document"));
  CHECK_THAT(refusal("# only a comment\n"), Catch::Contains("empty YAML document"));
  CHECK_THAT(refusal("a: \xff\xfe\n"), Catch::Contains("not UTF-8"));
  CHECK_THAT(refusal("a: *nowhere\n"), Catch::StartsWith("YAML line 1"));
  CHECK_THAT(refusal("{\"a\": 1,}"), Catch::StartsWith("JSON: not valid JSON"));
  YamlLimits tiny;
  tiny.max_bytes = 10;
  CHECK_THAT(refusal("a: 12345678901\n", tiny), Catch::Contains("larger than 10 bytes"));
}

TEST_CASE("a document may be a scalar or a list; a trailing document marker is allowed", "[yaml]") {
  CHECK(read_yaml_document("just text\n") == "just text");
  CHECK(read_yaml_document("- 1\n- two\n") == json::parse(R"([1,"two"])"));
  CHECK(read_yaml_document("---\na: 1\n...\n") == json::parse(R"({"a":1})"));
}
