// The reporter actor on a real directory: each verdict is on disk before the next arrives,
// secrets never are, and closing the run marks it complete and compares with the baseline.
#include "actors/reporter/reporter_actor.h"

#include <catch2/catch.hpp>

#include "formats/verdict_log.h"

#include <caf/all.hpp>

#include "actors/reporter/unfinished_runs.h"
#include "adapters/atomic_file.h"
#include "tests/test_support.h"
#include "tests/verdicts.h"

using namespace lsqm;

namespace {

Architecture arch(const std::string& hash) {
  Architecture a;
  a.hash = hash;
  a.name = "arch-" + hash;
  a.services = {"s3"};
  return a;
}

ValidationResult verdict_with(const std::string& hash, Status s, const std::string& output) {
  auto r = testing::verdict(hash, s);
  r.terraform_output = output;
  return r;
}

}  // namespace

TEST_CASE("the reporter writes each verdict at once and marks a closed run complete",
          "[reporter]") {
  testing::TempDir dir("reporter");
  const std::string run_id = "20261122T000000Z-abcdef";
  auto run_dir = dir.path / "runs" / run_id;
  ReporterSettings rs;
  rs.workdir = dir.path;
  rs.run_id = run_id;
  rs.secrets = {"s3cr3t-token"};
  Baseline baseline;
  baseline.run_id = "20261115T000000Z-aaaaaa";
  baseline.statuses = {{"h1", Status::PASSED}, {"h2", Status::FAILED}};

  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto reporter_a = sys.spawn<caf::detached>(reporter, rs, baseline);
  auto record = [&](const std::string& hash, Status s, const std::string& output) {
    self->request(reporter_a, caf::infinite, record_atom::value, arch(hash),
                  verdict_with(hash, s, output))
        .receive([](bool) {}, [](caf::error&) { FAIL("record failed"); });
    return verdicts_from_log(read_file(run_dir / kVerdictLogName));
  };

  auto first = record("h1", Status::FAILED, "apply said s3cr3t-token");
  REQUIRE(first.size() == 1);
  CHECK(first[0]["status"] == "FAILED");
  CHECK(first[0]["log"] == "logs/h1.log");
  auto log = read_file(run_dir / "logs" / "h1.log");
  CHECK(log.find("apply said") != std::string::npos);
  CHECK(log.find("s3cr3t-token") == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(run_dir / "run.json"));  // not closed yet
  // Appended per verdict, never rewritten whole (that was quadratic): no results.json yet.
  CHECK_FALSE(std::filesystem::exists(run_dir / "results.json"));
  CHECK(record("h2", Status::PASSED, "").size() == 2);

  RunInfo info;
  info.run_id = run_id;
  info.started_at = "2026-11-22T00:00:00Z";
  RunSummary summary;
  self->request(reporter_a, caf::infinite, finish_atom::value, info)
      .receive([&](RunSummary& s) { summary = s; }, [](caf::error&) { FAIL("finish failed"); });
  self->send_exit(reporter_a, caf::exit_reason::user_shutdown);

  CHECK(summary.total == 2);
  REQUIRE(summary.regressions.size() == 1);
  CHECK(summary.regressions[0].arch_name == "arch-h1");
  REQUIRE(summary.fixes.size() == 1);
  CHECK(summary.fixes[0].arch_hash == "h2");
  auto run = nlohmann::json::parse(read_file(run_dir / "run.json"));
  CHECK(run["state"] == kRunComplete);
  CHECK(run["summary"]["regressions"].size() == 1);
  CHECK(std::filesystem::exists(dir.path / "reports" / "latest" / "index.html"));
  auto results = nlohmann::json::parse(read_file(run_dir / "results.json"));  // assembled
  REQUIRE(results.size() == 2);
  CHECK(results[1]["arch_hash"] == "h2");
  CHECK_FALSE(std::filesystem::exists(run_dir / kVerdictLogName));
  CHECK(close_unfinished_runs(dir.path, "").empty());  // a finished run is left alone
}

TEST_CASE("a flaky verdict of the previous run is no baseline", "[reporter]") {
  testing::TempDir dir("baseline");
  auto run_dir = dir.path / "runs" / "20261115T000000Z-aaaaaa";
  write_file_atomic(run_dir / "run.json", R"({"state": "complete"})");
  write_file_atomic(run_dir / "results.json",
                    R"([{"arch_hash": "a", "status": "PASSED"},
                        {"arch_hash": "b", "status": "FAILED", "flaky": "first run FAILED …"}])");
  auto b = load_baseline(dir.path, "");
  CHECK(b.run_id == "20261115T000000Z-aaaaaa");
  CHECK(b.statuses == std::map<std::string, Status>{{"a", Status::PASSED}});
}
