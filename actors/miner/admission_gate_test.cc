#include <catch2/catch.hpp>

#include "actors/miner/admission_gate.h"
#include "adapters/sandbox.h"
#include "adapters/terraform_mirror.h"
#include "tests/test_support.h"

using namespace lsqm;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

Architecture with_main(const std::string& hash, const std::string& main_tf_json) {
  Architecture a;
  a.hash = hash;
  a.files["main.tf.json"] = main_tf_json;
  return a;
}

AdmissionSettings settings_in(const std::filesystem::path& work_root) {
  AdmissionSettings s;
  auto mirror = find_provider_mirror({"/opt"});
  if (mirror) s.plugin_dir = *mirror;
  s.work_root = work_root;
  s.timeout = std::chrono::seconds(120);
  return s;
}

}  // namespace

TEST_CASE("terraform validate admits translations it accepts and refuses the others with its "
          "first error, in one sandboxed batch",
          "[admission][terraform]") {
  REQUIRE(find_provider_mirror({"/opt"}));
  testing::TempDir work("admit");
  auto settings = settings_in(work.path);
  if (sandbox_support().available) settings.sandbox = untrusted_code_sandbox(work.path / "data");
  std::vector<Architecture> batch = {
      with_main("good", R"({"resource":{"aws_sqs_queue":{"q":{"name":"q"}}},
                 "output":{"arn":{"value":"${aws_sqs_queue.q.arn}"}}})"),
      with_main("bogus", R"({"resource":{"aws_s3_bucket":{"b":{"bucket":"b","bogus_argument":1}}}})"),
      // A region-like variable without a default gets its value as the validator gives it.
      with_main("input", R"({"variable":{"aws_region":{"type":"string"}},
                 "resource":{"aws_sns_topic":{"t":{"name":"${var.aws_region}-t"}}}})"),
      with_main("badref", R"({"output":{"x":{"value":"${aws_sqs_queue.missing.arn}"}}})"),
  };
  AdmissionCost cost;
  auto refusals = admission_refusals(batch, settings, &cost);
  REQUIRE(refusals.size() == 4);
  CHECK(refusals[0].empty());
  CHECK_THAT(refusals[1], StartsWith("terraform validate: "));
  CHECK_THAT(refusals[1], Contains("bogus_argument"));
  CHECK(refusals[2].empty());
  CHECK_THAT(refusals[3], StartsWith("terraform validate: Reference to undeclared resource"));
  // One batch with errors, then the rest again: two batches, not one per architecture.
  CHECK(cost.batches == 2);
  CHECK(cost.terraform_runs == 4);
  for (auto& entry : std::filesystem::directory_iterator(work.path))  // batch dirs removed
    CHECK_THAT(entry.path().filename().string(), !StartsWith("lsqm-admit-"));
}

TEST_CASE("without a way to validate, every translation is refused with the reason",
          "[admission]") {
  AdmissionSettings s;
  s.unavailable = "no sandbox here";
  auto refusals = admission_refusals({with_main("a", "{}"), with_main("b", "{}")}, s);
  CHECK(refusals == std::vector<std::string>(2, "not validated: no sandbox here"));
}

TEST_CASE("a batch terraform cannot run is narrowed down, each architecture refused with why",
          "[admission]") {
  testing::TempDir work("admit");
  auto s = settings_in(work.path);
  s.terraform = (work.path / "no-such-terraform").string();
  AdmissionCost cost;
  auto refusals = admission_refusals({with_main("a", "{}"), with_main("b", "{}")}, s, &cost);
  for (auto& r : refusals) CHECK_THAT(r, StartsWith("terraform init did not start"));
  CHECK(cost.batches == 3);  // the pair, then each alone
}
