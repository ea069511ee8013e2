#include "actors/reporter/unfinished_runs.h"

#include <catch2/catch.hpp>

#include "actors/reporter/reporter_actor.h"
#include "adapters/atomic_file.h"
#include "tests/test_support.h"
#include "tests/verdicts.h"
#include "formats/verdict_log.h"

using namespace lsqm;
using lsqm::testing::verdict;
namespace fs = std::filesystem;

namespace {

void write_json(const fs::path& p, const nlohmann::json& j) { write_file_atomic(p, j.dump()); }

}  // namespace

TEST_CASE("an unfinished run is closed as interrupted with its verdicts, and is never a baseline",
          "[reporter]") {
  testing::TempDir dir("unfinished");
  auto runs = dir.path / "runs";
  const std::string done = "20261101T000000Z-aaaaaa", cut = "20261108T000000Z-bbbbbb",
                    empty = "20261109T000000Z-cccccc", broken = "20261110T000000Z-dddddd",
                    live = "20261111T000000Z-eeeeee";
  write_json(runs / done / "results.json", nlohmann::json::array({verdict("h1", Status::PASSED)}));
  write_json(runs / done / "run.json", {{"run_id", done}, {"state", kRunComplete},
                                        {"summary", {{"run_id", done}, {"total", 1}}}});
  write_json(runs / cut / "results.json",
             nlohmann::json::array({verdict("h1", Status::FAILED), verdict("h2", Status::PASSED)}));
  fs::create_directories(runs / empty / "logs");
  write_file_atomic(runs / broken / "results.json", "[{\"arch_hash\": ");
  fs::create_directories(runs / live);
  fs::create_directories(runs / ".not-a-run");

  CHECK(count_unfinished_runs(dir.path) == 4);  // cut, empty, broken, live: no run.json yet
  auto closed = close_unfinished_runs(dir.path, live);
  CHECK(closed == std::vector<std::string>{cut, empty});

  auto run = nlohmann::json::parse(read_file(runs / cut / "run.json"));
  CHECK(run["state"] == kRunInterrupted);
  CHECK(run["started_at"] == "2026-11-08T00:00:00Z");
  CHECK(run["summary"]["total"] == 2);
  CHECK(run["summary"]["failed"] == 1);
  CHECK(run["summary"]["passed"] == 1);
  CHECK(nlohmann::json::parse(read_file(runs / empty / "run.json"))["summary"]["total"] == 0);
  // A damaged results.json is left exactly as it was; the run in progress is not touched.
  CHECK(read_file(runs / broken / "results.json") == "[{\"arch_hash\": ");
  CHECK_FALSE(fs::exists(runs / broken / "run.json"));
  CHECK_FALSE(fs::exists(runs / live / "run.json"));
  CHECK_FALSE(fs::exists(runs / ".not-a-run" / "run.json"));

  // The newest finished run is the baseline, not the newer interrupted ones.
  auto baseline = load_baseline(dir.path, live);
  CHECK(baseline.run_id == done);
  CHECK(baseline.statuses.at("h1") == Status::PASSED);

  // Closing is done once; closed runs still count as unfinished.
  CHECK(close_unfinished_runs(dir.path, live).empty());
  CHECK(count_unfinished_runs(dir.path) == 4);
}

TEST_CASE("a run cut mid-way is closed from its verdict log, torn last line left out",
          "[reporter]") {
  testing::TempDir dir("verdict-log");
  const std::string cut = "20261108T000000Z-bbbbbb";
  auto run_dir = dir.path / "runs" / cut;
  auto line = [](const std::string& hash, Status s) {
    return verdict_line(verdict(hash, s));
  };
  write_file_atomic(run_dir / kVerdictLogName, line("h1", Status::FAILED) +
                                                   line("h2", Status::PASSED) +
                                                   line("h3", Status::PASSED).substr(0, 15));
  CHECK(close_unfinished_runs(dir.path, "") == std::vector<std::string>{cut});
  auto run = nlohmann::json::parse(read_file(run_dir / "run.json"));
  CHECK(run["state"] == kRunInterrupted);
  CHECK(run["summary"]["total"] == 2);
  auto results = nlohmann::json::parse(read_file(run_dir / "results.json"));
  REQUIRE(results.size() == 2);
  CHECK(results[0]["arch_hash"] == "h1");
  CHECK_FALSE(fs::exists(run_dir / kVerdictLogName));
}
