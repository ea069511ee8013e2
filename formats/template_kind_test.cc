#include <catch2/catch.hpp>

#include "formats/template_kind.h"

using namespace lsqm;
using nlohmann::json;

TEST_CASE("a document with AWSTemplateFormatVersion or AWS:: resources is CloudFormation",
          "[template_kind]") {
  CHECK(template_kind("stack.yaml", json{{"AWSTemplateFormatVersion", "2010-09-09"},
                                          {"Resources", json::object()}}) ==
        TemplateKind::cloudformation);
  json bare = {{"Resources", {{"Queue", {{"Type", "AWS::SQS::Queue"}}}}}};
  CHECK(template_kind("infra/queue.json", bare) == TemplateKind::cloudformation);
  json custom_only = {{"Resources", {{"X", {{"Type", "Custom::Thing"}}}}}};
  CHECK(template_kind("x.yaml", custom_only) == TemplateKind::none);
  json typeless = {{"Resources", {{"X", {{"Properties", json::object()}}}}}};
  CHECK(template_kind("x.yaml", typeless) == TemplateKind::none);
}

TEST_CASE("the SAM transform, alone or in a list, makes a SAM template", "[template_kind]") {
  json resources = {{"Fn", {{"Type", "AWS::Serverless::Function"}}}};
  CHECK(template_kind("template.yaml", json{{"Transform", "AWS::Serverless-2016-10-31"},
                                             {"Resources", resources}}) == TemplateKind::sam);
  CHECK(template_kind("template.yaml",
                      json{{"AWSTemplateFormatVersion", "2010-09-09"},
                           {"Transform", {"AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"}},
                           {"Resources", resources}}) == TemplateKind::sam);
  // Another transform alone leaves it CloudFormation (the translator names what it cannot do).
  CHECK(template_kind("template.yaml", json{{"AWSTemplateFormatVersion", "2010-09-09"},
                                             {"Transform", "AWS::Include"},
                                             {"Resources", resources}}) ==
        TemplateKind::cloudformation);
}

TEST_CASE("serverless.yml is a unit only with provider aws", "[template_kind]") {
  json aws = {{"service", "svc"}, {"provider", {{"name", "aws"}, {"runtime", "nodejs18.x"}}}};
  CHECK(template_kind("api/serverless.yml", aws) == TemplateKind::serverless);
  CHECK(template_kind("api/Serverless.YAML", aws) == TemplateKind::serverless);
  CHECK(template_kind("serverless.yml", json{{"provider", "aws"}}) == TemplateKind::serverless);
  CHECK(template_kind("serverless.yml", json{{"provider", {{"name", "azure"}}}}) ==
        TemplateKind::none);
  // The same content under another name is not a Serverless Framework service.
  CHECK(template_kind("config.yml", aws) == TemplateKind::none);
}

TEST_CASE("YAML and JSON that are not templates are not units", "[template_kind]") {
  json compose = {{"version", "3"}, {"services", {{"db", {{"image", "postgres"}}}}}};
  CHECK(template_kind("docker-compose.yml", compose) == TemplateKind::none);
  json openapi = {{"openapi", "3.0.1"}, {"paths", {{"/items", json::object()}}}};
  CHECK(template_kind("api.yaml", openapi) == TemplateKind::none);
  json workflow = {{"on", "push"}, {"jobs", {{"build", {{"runs-on", "ubuntu-latest"}}}}}};
  CHECK(template_kind("ci.yml", workflow) == TemplateKind::none);
  CHECK(template_kind("list.yaml", json::array({1, 2})) == TemplateKind::none);
  CHECK(template_kind("scalar.yaml", json("text")) == TemplateKind::none);
}

TEST_CASE("file names worth reading, and names only templates carry", "[template_kind]") {
  for (auto name : {"template.yaml", "a/b/stack.yml", "x.json", "vpc.template", "serverless.yml"})
    CHECK(may_be_template(name));
  for (auto name : {"package.json", "tsconfig.build.json", "samconfig.toml", "samconfig.yaml",
                    "buildspec.yml", "docker-compose.override.yml", "main.tf.json",
                    "terraform.tfvars.json", "cdk.json", "statemachine/flow.asl.json",
                    "README.md", "handler.py", "openapi.yaml"})
    CHECK_FALSE(may_be_template(name));
  CHECK(named_like_template("svc/template.yml"));
  CHECK(named_like_template("cdk.out/App.template.json"));
  CHECK(named_like_template("serverless.yaml"));
  CHECK_FALSE(named_like_template("events/event.json"));
  CHECK(kind_by_name("x/serverless.yml") == TemplateKind::serverless);
  CHECK(kind_by_name("template.yaml") == TemplateKind::cloudformation);
  CHECK(is_cdk_app_file("app/cdk.json"));
  CHECK_FALSE(is_cdk_app_file("app/cdk.context.json"));
}

TEST_CASE("kind names are the Architecture's source_kind values", "[template_kind]") {
  CHECK(template_kind_name(TemplateKind::cloudformation) == "cloudformation");
  CHECK(template_kind_name(TemplateKind::sam) == "sam");
  CHECK(template_kind_name(TemplateKind::serverless) == "serverless");
  CHECK(template_kind_name(TemplateKind::cdk) == "cdk");
  CHECK(template_kind_name(TemplateKind::none).empty());
}
