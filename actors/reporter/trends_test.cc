#include <catch2/catch.hpp>

#include "actors/reporter/trends.h"
#include "tests/verdicts.h"

using namespace lsqm;
using lsqm::testing::verdict;
using nlohmann::json;

namespace {
RunSummary summary(const std::string& id, int passed, int total) {
  RunSummary s;
  s.run_id = id;
  s.started_at = "t-" + id;
  s.total = total;
  s.passed = passed;
  s.failed = total - passed;
  s.pass_rate = total ? double(passed) / total : 0;
  return s;
}
}  // namespace

TEST_CASE("summary trend adds, replaces, sorts and trims", "[reporter]") {
  auto t = update_summary_trend(json(), summary("20240102T000000Z-bbbbbb", 1, 2));
  REQUIRE(t.size() == 1);
  CHECK(t[0]["started_at"] == "t-20240102T000000Z-bbbbbb");
  CHECK(t[0]["pass_rate"] == 0.5);
  for (auto k : {"run_id", "started_at", "total", "passed", "partial", "failed", "timeout", "error", "pass_rate"})
    CHECK(t[0].contains(k));
  t = update_summary_trend(t, summary("20240101T000000Z-aaaaaa", 0, 1));
  CHECK(t[0]["run_id"] == "20240101T000000Z-aaaaaa");
  t = update_summary_trend(t, summary("20240102T000000Z-bbbbbb", 2, 2));
  REQUIRE(t.size() == 2);
  CHECK(t[1]["passed"] == 2);
  t = update_summary_trend(t, summary("20240103T000000Z-cccccc", 0, 0), 2);
  REQUIRE(t.size() == 2);
  CHECK(t[0]["run_id"] == "20240102T000000Z-bbbbbb");
  CHECK(t[1]["run_id"] == "20240103T000000Z-cccccc");
}

TEST_CASE("a damaged trend file is an error, not overwritten", "[reporter]") {
  CHECK_THROWS_AS(update_summary_trend(json::object(), summary("r", 0, 0)), TrendsError);
  CHECK_THROWS_AS(update_services_trend(json("x"), "r", {}, json::object()), TrendsError);
}

TEST_CASE("services trend counts verdicts per service from the index", "[reporter]") {
  auto index = json::parse(R"({
    "h1": {"name": "a", "services": ["s3", "sqs"]},
    "h2": {"name": "b", "services": ["s3"]},
    "h3": {"name": "c", "services": ["lambda"]}
  })");
  std::vector<ValidationResult> results = {verdict("h1", Status::PASSED), verdict("h2", Status::FAILED),
                                           verdict("h3", Status::ERROR), verdict("unknown", Status::PASSED)};
  auto counts = service_counts(results, index);
  CHECK(counts == json::parse(R"({"s3": {"total": 2, "passed": 1}, "sqs": {"total": 1, "passed": 1}})"));
  auto t = update_services_trend(json::array(), "r1", results, index);
  REQUIRE(t.size() == 1);
  CHECK(t[0]["run_id"] == "r1");
  CHECK(t[0]["services"] == counts);
  t = update_services_trend(t, "r0", {}, index);
  CHECK(t[0]["run_id"] == "r0");
  CHECK(t[0]["services"] == json::object());
  CHECK(t.size() == 2);
}
