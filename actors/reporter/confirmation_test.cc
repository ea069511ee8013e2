#include "actors/reporter/confirmation.h"

#include <catch2/catch.hpp>

using namespace lsqm;

namespace {

ValidationResult result(Status s, std::vector<std::string> ops = {},
                        std::vector<std::string> tests = {}) {
  ValidationResult r;
  r.arch_hash = "a";
  r.status = s;
  r.stage = "apply";
  r.failed_operations = std::move(ops);
  r.failed_tests = std::move(tests);
  return r;
}

}  // namespace

TEST_CASE("a confirmation run failing on the same operation confirms the regression",
          "[confirmation]") {
  auto first = result(Status::FAILED, {"states:ValidateStateMachineDefinition HTTP 500 InternalFailure"});
  auto second = result(Status::FAILED, {"states:ValidateStateMachineDefinition HTTP 500 InternalFailure"});
  auto settled = settle_confirmation(first, second);
  CHECK(settled.flaky.empty());
  CHECK(settled.status == Status::FAILED);
}

TEST_CASE("a confirmation run failing on another operation is flaky, with both runs named",
          "[confirmation]") {
  auto first = result(Status::FAILED, {"sqs:CreateQueue HTTP 503 ServiceUnavailable"});
  auto second = result(Status::FAILED, {"s3:PutBucketPolicy HTTP 503 ServiceUnavailable"});
  auto settled = settle_confirmation(first, second);
  CHECK(settled.status == Status::FAILED);
  CHECK(settled.flaky.find("sqs:CreateQueue") != std::string::npos);
  CHECK(settled.flaky.find("s3:PutBucketPolicy") != std::string::npos);
}

TEST_CASE("a confirmation run that passes makes the first failure flaky", "[confirmation]") {
  auto settled = settle_confirmation(result(Status::PARTIAL, {}, {"t::test_get"}),
                                     result(Status::PASSED));
  CHECK(settled.status == Status::PASSED);
  CHECK(settled.flaky == "first run PARTIAL at apply: t::test_get; confirmation run PASSED");
}

TEST_CASE("failed tests in common confirm; a different status does not", "[confirmation]") {
  auto first = result(Status::PARTIAL, {}, {"t::test_a", "t::test_b"});
  CHECK(same_failure(first, result(Status::PARTIAL, {}, {"t::test_b"})));
  CHECK_FALSE(same_failure(first, result(Status::PARTIAL, {}, {"t::test_c"})));
  CHECK_FALSE(same_failure(first, result(Status::FAILED, {}, {"t::test_a"})));
}

TEST_CASE("without named operations or tests, the error type and stage decide", "[confirmation]") {
  auto timeout = result(Status::TIMEOUT);
  timeout.error.type = "timeout";
  auto again = timeout;
  CHECK(same_failure(timeout, again));
  again.stage = "destroy";
  CHECK_FALSE(same_failure(timeout, again));
  // One run naming an operation and the other naming none is not the same failure.
  CHECK_FALSE(same_failure(timeout, result(Status::TIMEOUT, {"lambda:CreateFunction"})));
}
