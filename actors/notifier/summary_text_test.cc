#include <catch2/catch.hpp>

#include "actors/notifier/summary_text.h"

using namespace lsqm;

TEST_CASE("summary text gives pass rate, delta, counts and each regression", "[notifier]") {
  RunSummary s;
  s.run_id = "20261122T000000Z-abcdef";
  s.total = 4;
  s.passed = 3;
  s.failed = 1;
  s.pass_rate = 0.75;
  s.previous_run_id = "20261115T000000Z-123456";
  s.previous_pass_rate = 1.0;
  s.new_architectures = 2;
  s.regressions.push_back({"0123456789abcdef", "s3-bucket", s.previous_run_id, s.run_id,
                           Status::PASSED, Status::FAILED});
  auto text = summary_text(s);
  CHECK_THAT(text, Catch::Contains(": 4 architectures validated, pass rate 75.0%"));
  CHECK_THAT(text, Catch::Contains("-25.0 pp vs 20261115T000000Z-123456"));
  CHECK_THAT(text, Catch::Contains("FAILED 1"));
  CHECK_THAT(text, Catch::Contains("new architectures: 2"));
  CHECK_THAT(text, Catch::Contains("Regressions (1)"));
  CHECK_THAT(text, Catch::Contains("s3-bucket (0123456789ab): PASSED -> FAILED"));
  CHECK_THAT(text, !Catch::Contains("Fixes"));
  CHECK_THAT(text, !Catch::Contains("flaky"));
  s.flaky = 2;
  CHECK_THAT(summary_text(s), Catch::Contains("flaky (not counted as regressions): 2"));
}

TEST_CASE("a first run has no delta", "[notifier]") {
  RunSummary s;
  s.run_id = "r";
  CHECK_THAT(summary_text(s), !Catch::Contains(" vs "));
}

TEST_CASE("a run of nothing but errors has no pass rate", "[notifier]") {
  RunSummary s;
  s.total = s.error = 2;
  CHECK_THAT(summary_text(s), Catch::Contains("pass rate n/a"));
  s.total = s.error = 1;
  CHECK_THAT(summary_text(s), Catch::Contains(": 1 architecture validated"));
}

TEST_CASE("Slack text escapes what Slack reads as markup", "[notifier]") {
  CHECK(lsqm::slack_escaped("<!channel> a&b -> c") == "&lt;!channel&gt; a&amp;b -&gt; c");
  CHECK(lsqm::slack_escaped("plain") == "plain");
}
