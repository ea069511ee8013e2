#include "actors/miner/serverless/serverless_variables.h"

#include <catch2/catch.hpp>

#include "actors/miner/template_expansion.h"

namespace lsqm {
namespace {

using nlohmann::json;

json resolve(const std::string& text, ServerlessOptions options = {}) {
  return resolve_serverless_variables(json::parse(text), options);
}

std::string refusal(const std::string& text) {
  try {
    resolve(text);
  } catch (const ExpansionRefused& refused) {
    return refused.what();
  }
  return "resolved";
}

TEST_CASE("serverless variables: self, opt with fallback, sls, aws and env", "[serverless]") {
  ServerlessOptions options;
  options.env = {{"TABLE_PREFIX", "shop"}};
  json resolved = resolve(R"({
    "service": "orders",
    "provider": {"stage": "${opt:stage, 'beta'}", "region": "eu-west-1"},
    "custom": {"table": "${env:TABLE_PREFIX}-${sls:stage}", "size": 3, "missing": "${env:NOPE, 'fallback'}",
               "object": {"a": 1}},
    "use": {"name": "${self:service}-${self:custom.table}", "size": "${self:custom.size}",
            "region": "${aws:region}", "object": "${self:custom.object}", "cfn": "${AWS::Region}-${Bucket}",
            "account": "${aws:accountId}", "arn": "arn:aws:sqs:${aws:region}:${aws:accountId}:q",
            "nested": "${self:custom.${opt:which, 'size'}}", "chain": "${opt:nope, self:custom.size}"}
  })", options);
  const json& use = resolved["use"];
  CHECK(use["name"] == "orders-shop-beta");
  CHECK(use["size"] == 3);
  CHECK(use["region"] == "eu-west-1");
  CHECK(use["object"] == json::parse(R"({"a":1})"));
  CHECK(use["cfn"] == "${AWS::Region}-${Bucket}");
  CHECK(use["account"] == json::parse(R"({"Ref":"AWS::AccountId"})"));
  CHECK(use["arn"] == json::parse(R"({"Fn::Sub":"arn:aws:sqs:eu-west-1:${AWS::AccountId}:q"})"));
  CHECK(use["nested"] == 3);
  CHECK(use["chain"] == 3);
  CHECK(resolved["custom"]["missing"] == "fallback");
  CHECK(resolved["provider"]["stage"] == "beta");
}

TEST_CASE("serverless variables: --stage and --region win over provider settings", "[serverless]") {
  ServerlessOptions options;
  options.stage = "prod";
  options.region = "ap-south-1";
  json resolved = resolve(R"({"provider": {"stage": "dev", "region": "us-west-2"}, "x": "${sls:stage}/${aws:region}/${opt:stage}"})", options);
  CHECK(resolved["x"] == "prod/ap-south-1/prod");
  CHECK(effective_stage(resolved, options) == "prod");
  CHECK(effective_stage(json::parse(R"({"provider": {}})"), {}) == "dev");
  CHECK(resolve(R"({"provider": {}, "x": "${self:provider.stage}-${self:provider.region}"})")["x"] == "dev-us-east-1");
  CHECK(effective_region(json::parse(R"({"provider": {"region": "eu-north-1"}})"), {}) == "eu-north-1");
}

TEST_CASE("serverless variables: ${file(...)} reads a YAML or JSON file of the unit", "[serverless]") {
  std::map<std::string, std::string> unit_files = {
      {"svc/config/dev.yml", "table: orders-${sls:stage}\nlimits:\n  size: 5\n"},
      {"svc/loop.yml", "again: ${file(./loop.yml):again}\n"},
      {"svc/env.json", R"({"A": "1"})"}};
  ServerlessOptions options;
  options.files = {&unit_files, "svc"};
  json resolved = resolve(R"({"custom": {"table": "${file(./config/${sls:stage}.yml):table}",
      "size": "${file(config/dev.yml):limits.size}", "env": "${file(./env.json)}",
      "none": "${file(./absent.yml):x, 'fallback'}"}})", options);
  CHECK(resolved["custom"]["table"] == "orders-dev");
  CHECK(resolved["custom"]["size"] == 5);
  CHECK(resolved["custom"]["env"] == json::parse(R"({"A":"1"})"));
  CHECK(resolved["custom"]["none"] == "fallback");
  try {
    resolve(R"({"custom": {"a": "${file(./loop.yml):again}"}})", options);
    FAIL("resolved a file that includes itself");
  } catch (const ExpansionRefused& refused) {
    CHECK(std::string(refused.what()) == "serverless variable cycle through ${file:svc/loop.yml:again}");
  }
}

TEST_CASE("serverless variables: cycles, unresolvable sources and missing values are refused", "[serverless]") {
  CHECK(refusal(R"({"custom": {"a": "${self:custom.b}", "b": "x-${self:custom.a}"}})").rfind(
            "serverless variable cycle through ${self:custom.", 0) == 0);
  CHECK(refusal(R"({"custom": {"a": "${file(./config.js):value}"}})") == "serverless variable ${file(./config.js)} needs JavaScript");
  CHECK(refusal(R"({"custom": {"a": "${file(./config.yml):value}"}})") == "serverless variable ${file(./config.yml):value} has no value");
  CHECK(refusal(R"({"custom": {"a": "${ssm:/shop/key}"}})") == "serverless variable source ssm: not resolved (${ssm:/shop/key})");
  CHECK(refusal(R"({"custom": {"a": "${env:NOT_SET}"}})") == "serverless variable ${env:NOT_SET} has no value");
  CHECK(refusal(R"({"custom": {"o": {"k": 1}, "a": "x-${self:custom.o}"}})") ==
        "serverless variable ${self:custom.o} is not text but is used inside text");
}

TEST_CASE("serverless variables: references that double at each level are refused, not expanded", "[serverless]") {
  json document = {{"custom", {{"l0", "xxxxxxxx"}}}};
  for (int level = 1; level <= 40; ++level) {
    std::string below = "${self:custom.l" + std::to_string(level - 1) + "}";
    document["custom"]["l" + std::to_string(level)] = json::array({below, below});
  }
  try {
    resolve_serverless_variables(document, {});
    FAIL("resolved a reference bomb");
  } catch (const ExpansionRefused& refused) {
    CHECK(std::string(refused.what()).find("expand beyond") != std::string::npos);
  }
}

}  // namespace
}  // namespace lsqm
