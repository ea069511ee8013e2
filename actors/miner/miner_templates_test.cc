// The miner over template units: found, normalized, checked by terraform validate, stored.
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include "actors/miner/config_for_test.h"
#include "actors/miner/miner_actor.h"
#include "adapters/atomic_file.h"
#include "adapters/sandbox.h"
#include "adapters/terraform_mirror.h"
#include "tests/lsqm_cli.h"

using namespace lsqm;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

const char* kQueueYaml = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  QueueName:
    Type: String
    Default: orders
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${QueueName}-${AWS::Region}"
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: Orders
Outputs:
  QueueArn:
    Value: !GetAtt Queue.Arn
  TopicArn:
    Value: !Ref Topic
)";

const char* kQueueJson = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {"QueueName": {"Type": "String", "Default": "orders"}},
  "Resources": {
    "Queue": {"Type": "AWS::SQS::Queue",
              "Properties": {"QueueName": {"Fn::Sub": "${QueueName}-${AWS::Region}"}}},
    "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "Orders"}}
  },
  "Outputs": {
    "QueueArn": {"Value": {"Fn::GetAtt": ["Queue", "Arn"]}},
    "TopicArn": {"Value": {"Ref": "Topic"}}
  }
})";

// Translated whole, but the provider allows a queue a delay of 900 seconds at most.
const char* kTooLongDelay = R"(Resources:
  Slow:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: 5000
)";

std::vector<Architecture> mine_all(const MinerSettings& settings, MiningSummary& summary) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto m = sys.spawn(miner, settings, nlohmann::json::object());
  MineBatch batch;
  self->request(m, caf::infinite, pull_atom::value, std::uint32_t{20})
      .receive([&](const MineBatch& b) { batch = b; }, [&](caf::error& e) { FAIL(sys.render(e)); });
  self->request(m, caf::infinite, summary_atom::value)
      .receive([&](const MiningSummary& s) { summary = s; }, [&](caf::error& e) { FAIL(sys.render(e)); });
  self->send_exit(m, caf::exit_reason::user_shutdown);
  return batch.architectures;
}

const Architecture* named(const std::vector<Architecture>& all, const std::string& name) {
  for (auto& a : all)
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace

TEST_CASE("templates are mined as normalized Terraform that terraform validate admitted, beside "
          "their originals; one that terraform rejects is skipped with its first error",
          "[miner][template][terraform]") {
  REQUIRE(find_provider_mirror({"/opt"}));
  testing::TempDir src("tpl-src"), repo("tpl-repo"), work("tpl-work");
  testing::write_text(src.path / "yaml/template.yaml", kQueueYaml);
  testing::write_text(src.path / "json/template.json", kQueueJson);
  testing::write_text(src.path / "delay/template.yaml", kTooLongDelay);
  testing::write_text(src.path / "broken/template.yaml", "Resources:\n  Q: [unclosed\n");
  testing::write_text(src.path / "cdk/cdk.json", R"({"app": "npx ts-node bin/app.ts"})");
  testing::write_text(src.path / "ci/docker-compose.yml", "services:\n  db:\n    image: x\n");

  MinerSettings settings;
  settings.sources = {SourceSpec{.kind = "local", .location = src.path.string()}};
  settings.repo_workdir = repo.path;
  settings.catalog = test::project_catalog();
  settings.admission = AdmissionSettings{};
  settings.admission.plugin_dir = *find_provider_mirror({"/opt"});
  settings.admission.work_root = work.path;
  if (sandbox_support().available) settings.admission.sandbox = untrusted_code_sandbox(work.path / "data");

  MiningSummary summary;
  auto all = mine_all(settings, summary);
  INFO(nlohmann::json(summary.messages).dump(1));
  // The JSON twin normalizes to the same Terraform: one architecture, handed out once.
  CHECK(all.size() == 4);
  CHECK(summary.scanned == 5);

  const Architecture* queue = named(all, "json/template.json");
  REQUIRE(queue);
  CHECK(queue->source_kind == "cloudformation");
  CHECK(queue->skip_reason.empty());
  CHECK(queue->files.count("main.tf.json"));
  CHECK(queue->files.count("original/template.json"));
  CHECK(queue->resource_types == std::vector<std::string>{"aws_sns_topic", "aws_sqs_queue"});
  CHECK(fs::exists(repo.path / "architectures" / queue->hash / "original" / "template.json"));
  CHECK(fs::exists(repo.path / "architectures" / queue->hash / "main.tf.json"));

  const Architecture* delayed = named(all, "delay/template.yaml");
  REQUIRE(delayed);
  CHECK_THAT(delayed->skip_reason, StartsWith("terraform validate: "));
  CHECK_THAT(delayed->skip_reason, Contains("delay_seconds"));

  const Architecture* broken = named(all, "broken/template.yaml");
  REQUIRE(broken);
  CHECK_THAT(broken->skip_reason, StartsWith("malformed template: "));
  const Architecture* cdk = named(all, "cdk/cdk.json");
  REQUIRE(cdk);
  CHECK(cdk->source_kind == "cdk");
  CHECK(cdk->skip_reason == "needs cdk synth");

  auto index = nlohmann::json::parse(read_file(repo.path / "architectures/index.json"));
  CHECK(index[queue->hash]["kind"] == "cloudformation");
  CHECK(index[delayed->hash]["skip_reason"] == delayed->skip_reason);
}

TEST_CASE("without an admission gate, templates are refused, never handed out unchecked",
          "[miner][template]") {
  testing::TempDir src("tpl-src"), repo("tpl-repo");
  testing::write_text(src.path / "yaml/template.yaml", kQueueYaml);
  MinerSettings settings;
  settings.sources = {SourceSpec{.kind = "local", .location = src.path.string()}};
  settings.repo_workdir = repo.path;
  settings.catalog = test::project_catalog();
  MiningSummary summary;
  auto all = mine_all(settings, summary);
  REQUIRE(all.size() == 1);
  CHECK(all[0].skip_reason == "not validated: the admission gate is not configured");
}
