#include <catch2/catch.hpp>

#include <fstream>

#include "adapters/template_source.h"
#include "tests/test_support.h"

using namespace lsqm;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const char* kSam =
    "Transform: AWS::Serverless-2016-10-31\n"
    "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
    "      Handler: app.handler\n      Runtime: python3.12\n      CodeUri: src/\n";

std::string describe(const TemplateUnit& u, const fs::path& root) {
  return fs::relative(u.dir / u.template_file, root).generic_string() + " " +
         template_kind_name(u.kind) + (u.skip_reason.empty() ? "" : " !");
}

}  // namespace

TEST_CASE("template units are found by content, beside everything that merely looks like one",
          "[template_source]") {
  testing::TempDir tree("templates");
  const auto& r = tree.path;
  put(r / "sam/template.yaml", kSam);
  put(r / "sam/events/event.json", R"({"body": "{}"})");
  put(r / "sam/samconfig.toml", "version = 0.1\n");
  put(r / "cfn/queue.json",
      R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}})");
  put(r / "cfn/topic.yml", "Resources:\n  T:\n    Type: !Sub 'AWS::SNS::Topic'\n");
  put(r / "svc/serverless.yml", "service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\n");
  put(r / "svc/docker-compose.yml", "services:\n  db:\n    image: postgres\n");
  put(r / "svc/openapi.yaml", "openapi: 3.0.1\npaths: {}\n");
  put(r / "svc/config.yml", "Resources: just words\n");
  put(r / "azure/serverless.yml", "service: s\nprovider:\n  name: azure\n");
  put(r / ".github/workflows/deploy.yml", kSam);
  put(r / "web/node_modules/pkg/template.yaml", kSam);
  put(r / "app/cdk.json", R"({"app": "npx ts-node bin/app.ts"})");
  put(r / "synth/cdk.json", R"({"app": "python3 app.py"})");
  put(r / "synth/cdk.out/Stack.template.json",
      R"({"Resources": {"B": {"Type": "AWS::S3::Bucket"}}})");
  put(r / "synth/cdk.out/manifest.json", R"({"version": "36.0.0"})");

  std::vector<std::string> found;
  for (const auto& u : find_template_units(r)) found.push_back(describe(u, r));
  CHECK(found == std::vector<std::string>{"app/cdk.json cdk !", "cfn/queue.json cloudformation",
                                          "sam/template.yaml sam", "svc/serverless.yml serverless",
                                          "synth/cdk.out/Stack.template.json cloudformation"});
}

TEST_CASE("a file named like a template that does not read is a unit with the reason",
          "[template_source]") {
  testing::TempDir tree("templates");
  put(tree.path / "bad/template.yaml", "Resources:\n  X: [unclosed\n");
  put(tree.path / "bad/notes.yaml", "a: [unclosed\n");  // not named like one: nothing
  put(tree.path / "big/stack.template.json", std::string(300, ' ') + "{}");
  TemplateScanLimits limits;
  limits.max_file_bytes = 200;
  auto units = find_template_units(tree.path, limits);
  REQUIRE(units.size() == 2);
  CHECK(units[0].template_file == "template.yaml");
  CHECK(units[0].kind == TemplateKind::cloudformation);
  CHECK_THAT(units[0].skip_reason, StartsWith("malformed template: "));
  CHECK(units[1].template_file == "stack.template.json");
  CHECK(units[1].skip_reason == "template larger than 200 bytes");
  CHECK_THROWS(find_template_units(tree.path / "missing"));
}
