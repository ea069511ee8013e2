#include <catch2/catch.hpp>

#include "actors/reporter/run_summary.h"
#include "tests/verdicts.h"

using namespace lsqm;
using lsqm::testing::verdict;

TEST_CASE("summarize counts statuses and computes the pass rate without errors", "[reporter]") {
  std::vector<ValidationResult> results = {
      verdict("a", Status::PASSED), verdict("b", Status::PASSED), verdict("c", Status::PARTIAL),
      verdict("d", Status::FAILED), verdict("e", Status::TIMEOUT), verdict("f", Status::ERROR),
      verdict("g", Status::ERROR)};
  RunSummary prev;
  prev.run_id = "20240101T000000Z-aaaaaa";
  prev.pass_rate = 0.25;
  Regression reg{"d", "dee", prev.run_id, "r2", Status::PASSED, Status::FAILED};
  auto s = summarize("r2", "t0", "t1", results, prev, {reg}, {});
  CHECK(s.run_id == "r2");
  CHECK(s.started_at == "t0");
  CHECK(s.finished_at == "t1");
  CHECK(s.total == 7);
  CHECK(s.passed == 2);
  CHECK(s.partial == 1);
  CHECK(s.failed == 1);
  CHECK(s.timeout == 1);
  CHECK(s.error == 2);
  CHECK(s.pass_rate == Approx(2.0 / 5.0));
  CHECK(s.previous_run_id == prev.run_id);
  CHECK(s.previous_pass_rate == Approx(0.25));
  REQUIRE(s.regressions.size() == 1);
  CHECK(s.regressions[0].arch_name == "dee");
  CHECK(s.fixes.empty());
}

TEST_CASE("pass rate is 0 with nothing judged, and no previous run reads -1", "[reporter]") {
  auto none = summarize("r", "", "", {}, std::nullopt, {}, {});
  CHECK(none.total == 0);
  CHECK(none.pass_rate == 0);
  CHECK(none.previous_pass_rate == -1);
  CHECK(none.previous_run_id.empty());
  auto only_errors = summarize("r", "", "", {verdict("a", Status::ERROR)}, std::nullopt, {}, {});
  CHECK(only_errors.total == 1);
  CHECK(only_errors.pass_rate == 0);
}

TEST_CASE("a later verdict for the same architecture replaces the earlier", "[reporter]") {
  auto s = summarize("r", "", "", {verdict("a", Status::FAILED), verdict("a", Status::PASSED)},
                     std::nullopt, {}, {});
  CHECK(s.total == 1);
  CHECK(s.passed == 1);
  CHECK(s.pass_rate == 1.0);
  auto st = statuses_of(
      {verdict("a", Status::FAILED), verdict("a", Status::PASSED), verdict("", Status::ERROR)});
  CHECK(st.size() == 1);
  CHECK(st.at("a") == Status::PASSED);
}

TEST_CASE("flaky verdicts are counted, and left out of what runs are compared on", "[reporter]") {
  auto wobbly = verdict("b", Status::FAILED);
  wobbly.flaky = "first run FAILED at apply: sqs:CreateQueue HTTP 503; confirmation run PASSED";
  std::vector<ValidationResult> results = {verdict("a", Status::PASSED), wobbly};
  auto s = summarize("r", "", "", results, std::nullopt, {}, {});
  CHECK(s.total == 2);
  CHECK(s.flaky == 1);
  CHECK(s.failed == 1);
  CHECK(comparable_statuses_of(results) == std::map<std::string, Status>{{"a", Status::PASSED}});
  CHECK(statuses_of(results).size() == 2);  // trends still count it as what it recorded
}
