#include <catch2/catch.hpp>

#include "actors/reporter/report_html.h"

using namespace lsqm;

namespace {

RunSummary sample_summary() {
  RunSummary s;
  s.run_id = "20240102T030405Z-abcdef";
  s.started_at = "2024-01-02T03:04:05Z";
  s.finished_at = "2024-01-02T04:00:00Z";
  s.total = 3;
  s.passed = 1;
  s.failed = 1;
  s.error = 1;
  s.pass_rate = 0.5;
  s.previous_run_id = "20231226T000000Z-000000";
  s.previous_pass_rate = 0.75;
  s.regressions = {{"h2", "<b>bad</b>", s.previous_run_id, s.run_id, Status::PASSED, Status::FAILED}};
  return s;
}

std::vector<ValidationResult> sample_results() {
  ValidationResult a;
  a.arch_hash = "h1";
  a.arch_name = "<script>alert(1)</script>";
  a.status = Status::PASSED;
  a.stage = "destroy";
  a.duration_s = 12.34;
  a.tests_total = 4;
  a.tests_passed = 4;
  ValidationResult b;
  b.arch_hash = "h2";
  b.status = Status::FAILED;
  b.stage = "apply";
  b.error = {"apply_failed", "Error: \"x\" & <y> 'z'"};
  ValidationResult c;
  c.arch_hash = "h3";
  c.status = Status::ERROR;
  c.error = {"emulator_not_ready", std::string(2000, 'e')};
  return {a, b, c};
}

nlohmann::json sample_index() {
  return nlohmann::json::parse(R"({
    "h1": {"name": "ignored", "services": ["s3", "<img src=x onerror=alert(1)>"]},
    "h2": {"name": "queue & topic", "services": ["sqs"]}
  })");
}

}  // namespace

TEST_CASE("html_escape escapes the five special characters", "[reporter]") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  CHECK(html_escape("plain ü") == "plain ü");
}

TEST_CASE("the report has the run's numbers, regressions and results", "[reporter]") {
  auto html = render_report_html(sample_summary(), sample_results(), sample_index());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("20240102T030405Z-abcdef") != std::string::npos);
  CHECK(html.find("50.0%") != std::string::npos);
  CHECK(html.find("-25.0 points vs 20231226T000000Z-000000") != std::string::npos);
  CHECK(html.find("<h2>Regressions (1)</h2>") != std::string::npos);
  CHECK(html.find("<h2>Fixes (0)</h2>") != std::string::npos);
  CHECK(html.find("queue &amp; topic") != std::string::npos);  // name from the index
  CHECK(html.find("12.3 s") != std::string::npos);
  CHECK(html.find("4 / 4") != std::string::npos);
  CHECK(html.find("apply_failed: Error: &quot;x&quot; &amp; &lt;y&gt; &#39;z&#39;") != std::string::npos);
  CHECK(html.find(std::string(600, 'e')) == std::string::npos);  // long errors are cut
  CHECK(html.find("</html>") != std::string::npos);
}

TEST_CASE("no string from outside reaches the page unescaped", "[reporter]") {
  auto s = sample_summary();
  s.run_id = "<script>run</script>";
  s.started_at = "<script>t</script>";
  auto html = render_report_html(s, sample_results(), sample_index());
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>bad</b>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;b&gt;bad&lt;/b&gt;") != std::string::npos);
  // Self-contained: nothing is loaded from elsewhere.
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
}

TEST_CASE("a first run says there is no previous run", "[reporter]") {
  RunSummary s;
  s.run_id = "r";
  auto html = render_report_html(s, {}, nlohmann::json::object());
  CHECK(html.find("no previous run") != std::string::npos);
  CHECK(html.find("<h2>Results (0)</h2>") != std::string::npos);
}

TEST_CASE("flaky verdicts and undeployable architectures are shown apart", "[reporter]") {
  auto results = sample_results();
  results[1].flaky = "first run FAILED at apply: sqs:CreateQueue HTTP 503; confirmation run <x>";
  auto index = nlohmann::json::parse(R"({
    "h1": {"name": "a", "kind": "terraform"},
    "h4": {"name": "b", "kind": "sam", "skip_reason": "needs input: vpc_id"},
    "h5": {"name": "c", "kind": "terraform", "skip_reason": "needs input: email"},
    "h6": {"name": "d", "kind": "terraform", "skip_reason": "uses provisioner local-exec"}
  })");
  auto html = render_report_html(sample_summary(), results, index);
  CHECK(html.find("<h2>Flaky (1)</h2>") != std::string::npos);
  CHECK(html.find("sqs:CreateQueue HTTP 503; confirmation run &lt;x&gt;") != std::string::npos);
  CHECK(html.find("<h2>Not deployable here (3 of 4 architectures)</h2>") != std::string::npos);
  CHECK(html.find("<td>needs input</td><td>2</td>") != std::string::npos);
  CHECK(html.find("<td>uses provisioner local-exec</td><td>1</td>") != std::string::npos);
}
