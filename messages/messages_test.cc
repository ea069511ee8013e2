// JSON round trips of the shared data types.
#include <catch2/catch.hpp>

#include "messages/architecture.h"
#include "messages/run.h"
#include "messages/test_app.h"
#include "messages/validation_result.h"

using namespace lsqm;

TEST_CASE("architecture survives a JSON round trip") {
  Architecture a;
  a.hash = "abc";
  a.files = {{"main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n"}};
  a.resource_types = {"aws_s3_bucket"};
  a.services = {"s3"};
  a.resource_count = 1;
  nlohmann::json j = a;
  auto b = j.get<Architecture>();
  CHECK(b.hash == "abc");
  CHECK(b.files.at("main.tf") == a.files.at("main.tf"));
  CHECK(b.services == std::vector<std::string>{"s3"});
}

TEST_CASE("status is written as its name and read back") {
  ValidationResult r;
  r.status = Status::PARTIAL;
  nlohmann::json j = r;
  CHECK(j["status"] == "PARTIAL");
  j["status"] = "TIMEOUT";
  CHECK(j.get<ValidationResult>().status == Status::TIMEOUT);
  CHECK(status_from_string("nope") == std::nullopt);
}

TEST_CASE("missing fields take their defaults") {
  auto s = nlohmann::json::parse(R"({"run_id":"r1","passed":3})").get<RunSummary>();
  CHECK(s.run_id == "r1");
  CHECK(s.passed == 3);
  CHECK(s.previous_pass_rate == -1);
  CHECK(s.regressions.empty());
}
