#include "formats/verdict_log.h"

#include <catch2/catch.hpp>

using namespace lsqm;

namespace {
ValidationResult result(const std::string& hash, Status s) {
  ValidationResult r;
  r.arch_hash = hash;
  r.status = s;
  r.terraform_output = "long terraform output";
  return r;
}
}  // namespace

TEST_CASE("a verdict record leaves the long outputs to its log file", "[verdict_log]") {
  auto j = verdict_record(result("h1", Status::PASSED));
  CHECK(j["status"] == "PASSED");
  CHECK(j["log"] == "logs/h1.log");
  CHECK_FALSE(j.contains("terraform_output"));
  auto line = verdict_line(result("h1", Status::PASSED));
  CHECK(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
}

TEST_CASE("a verdict log reads back in order, without a torn last line", "[verdict_log]") {
  auto log = verdict_line(result("h1", Status::PASSED)) + verdict_line(result("h2", Status::FAILED));
  auto torn = log + verdict_line(result("h3", Status::PASSED)).substr(0, 20);
  auto all = verdicts_from_log(torn);
  REQUIRE(all.size() == 2);
  CHECK(all[0]["arch_hash"] == "h1");
  CHECK(all[1]["status"] == "FAILED");
  CHECK(all[1].get<ValidationResult>().status == Status::FAILED);
  CHECK(verdicts_from_log("").empty());
  CHECK(verdicts_from_log("\n\n[1]\n42\n").empty());
}
