#include "actors/validator/classify.h"

#include <catch2/catch.hpp>

using namespace lsqm;

namespace {

const char* kJunitMixed = R"(<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="5" time="0.5">
<testcase classname="test_app" name="test_a" time="0.1"/>
<testcase classname="test_app" name="test_b" time="0.1"/>
<testcase classname="test_app" name="test_c" time="0.1"><failure message="assert 1 == 2">trace</failure></testcase>
<testcase classname="test_app" name="test_d" time="0.1"><error message="fixture failed">trace</error></testcase>
<testcase classname="test_app" name="test_e" time="0.1"><skipped message="skip"/></testcase>
</testsuite></testsuites>)";

JunitCounts counts(int total, int passed, int failed, int errors = 0, int skipped = 0,
                   int timeouts = 0) {
  return {total, passed, failed, errors, skipped, timeouts, {}};
}

StepOutcome ok_step() { return {true, 0, false, false, ""}; }
StepOutcome failed_step(std::string out, int code = 1) { return {true, code, false, false, std::move(out)}; }

StepOutcomes all_ran(JunitCounts junit) {
  StepOutcomes s;
  s.init = s.apply = s.destroy = ok_step();
  s.test = {true, junit.failed + junit.errors > 0 ? 1 : 0, false, false, ""};
  s.junit = junit;
  return s;
}

}  // namespace

TEST_CASE("parse_junit counts pytest's outcomes", "[validator]") {
  auto c = parse_junit(kJunitMixed);
  REQUIRE(c);
  CHECK(c->total == 5);
  CHECK(c->passed == 2);
  CHECK(c->failed == 1);
  CHECK(c->errors == 1);
  CHECK(c->skipped == 1);
  CHECK(c->timeouts == 0);
  CHECK(c->failed_tests == std::vector<std::string>{"test_app::test_c", "test_app::test_d"});

  auto bare = parse_junit(
      "<testsuite tests=\"1\"><testcase name=\"t\"><failure message=\"Failed: Timeout "
      ">60.0s\"/></testcase></testsuite>");
  REQUIRE(bare);
  CHECK(bare->total == 1);
  CHECK(bare->failed == 1);
  CHECK(bare->timeouts == 1);

  CHECK_FALSE(parse_junit("not xml <<<"));
  CHECK_FALSE(parse_junit("<html><body/></html>"));
  CHECK_FALSE(parse_junit(""));
}

TEST_CASE("classify: test outcomes decide PASSED, PARTIAL, FAILED", "[validator]") {
  auto passed = classify(all_ran(counts(3, 3, 0)));
  CHECK(passed.status == Status::PASSED);
  CHECK(passed.stage == "destroy");
  CHECK(passed.error.type.empty());

  auto partial = classify(all_ran(counts(3, 1, 1, 1)));
  CHECK(partial.status == Status::PARTIAL);
  CHECK(partial.error.message == "2 of 3 tests failed");

  auto failed = classify(all_ran(counts(2, 0, 1, 1)));
  CHECK(failed.status == Status::FAILED);
  CHECK(failed.stage == "test");

  // A FAILED or PARTIAL verdict names the tests that failed.
  auto named = all_ran(*parse_junit(kJunitMixed));
  CHECK(classify(named).error.message == "2 of 4 tests failed: test_app::test_c, test_app::test_d");

  auto skipped_only = classify(all_ran(counts(2, 0, 0, 0, 2)));
  CHECK(skipped_only.status == Status::ERROR);

  auto per_test_timeout = classify(all_ran(counts(2, 1, 1, 0, 0, 1)));
  CHECK(per_test_timeout.status == Status::TIMEOUT);
}

TEST_CASE("classify: init and apply failures", "[validator]") {
  StepOutcomes s;
  s.init = failed_step(
      "Error: Failed to query available provider packages\n\nCould not retrieve the list of "
      "available versions for provider hashicorp/archive: provider "
      "registry.terraform.io/hashicorp/archive was not found in any of the search locations");
  auto v = classify(s);
  CHECK(v.status == Status::ERROR);
  CHECK(v.error.type == "provider_unavailable");
  CHECK(v.stage == "init");

  s.init = failed_step("Error: Argument or block definition required\n  on main.tf line 3");
  v = classify(s);
  CHECK(v.status == Status::ERROR);  // init never talks to the emulator
  CHECK(v.error.type == "invalid_configuration");
  CHECK(v.error.message.find("Argument or block definition required") != std::string::npos);

  s.init = ok_step();
  s.apply = failed_step(
      "Error: creating S3 Bucket notification: operation error S3: "
      "PutBucketNotificationConfiguration, https response error StatusCode: 501");
  s.destroy = ok_step();
  v = classify(s);
  CHECK(v.status == Status::FAILED);
  CHECK(v.stage == "apply");
  CHECK(v.error.type == "apply_failed");

  s.apply = {true, -1, true, false, ""};
  CHECK(classify(s).status == Status::TIMEOUT);
  CHECK(classify(s).stage == "apply");
}

TEST_CASE("classify: our side is ERROR, never a verdict", "[validator]") {
  StepOutcomes s;
  CHECK(classify(s).status == Status::ERROR);  // nothing ran

  s.init = {true, -1, false, true, "cannot start: executable not found: terraform"};
  CHECK(classify(s).error.type == "start_failed");

  s.init = ok_step();
  s.apply = failed_step("whatever", 55);
  CHECK(classify(s).status == Status::ERROR);

  s.apply = failed_step("Error: write state: no space left on device");
  CHECK(classify(s).error.type == "disk_full");

  s.apply = failed_step(
      "Error: Failed to load plugin schemas\n... failed to instantiate provider "
      "\"registry.terraform.io/hashicorp/aws\" to obtain schema: Reattachment process not found");
  CHECK(classify(s).status == Status::ERROR);
  CHECK(classify(s).error.type == "shared_provider_lost");

  s.apply = failed_step(
      "Error: operation error S3: CreateBucket, dial tcp 127.0.0.1:4566: connect: connection "
      "refused");
  CHECK(classify(s).error.type == "emulator_unreachable");

  s = all_ran(counts(0, 0, 0));
  s.test.exit_code = 5;
  CHECK(classify(s).error.type == "no_tests");

  s = all_ran(counts(1, 0, 0, 1));
  s.test.exit_code = 2;
  s.test.output = "!!!!!!! Interrupted: 1 error during collection !!!!!!!";
  CHECK(classify(s).error.type == "test_collection_failed");

  s = all_ran(counts(1, 1, 0));
  s.junit.reset();
  CHECK(classify(s).error.type == "no_junit");
}

TEST_CASE("classify: destroy problems after the tests", "[validator]") {
  auto s = all_ran(counts(2, 2, 0));
  s.destroy = failed_step("Error: deleting S3 Bucket: BucketNotEmpty");
  auto v = classify(s);
  CHECK(v.status == Status::PARTIAL);
  CHECK(v.error.type == "destroy_failed");
  s.destroy = {true, -1, true, false, ""};
  CHECK(classify(s).status == Status::TIMEOUT);
}

TEST_CASE("failed_operations names AWS operations from terraform and botocore errors",
          "[validator]") {
  std::string text =
      "An error occurred (Oops) when calling the FrobnicateWidget operation\n"
      "Error: putting S3 Bucket Notification: operation error S3: "
      "PutBucketNotificationConfiguration, https response error StatusCode: 501\n"
      "Error: creating Step Functions: operation error SFN: CreateStateMachine, exceeded\n"
      "Error: operation error CloudWatch Logs: PutRetentionPolicy, https response error\n"
      "E   botocore.exceptions.ClientError: An error occurred (InternalError) when calling "
      "the PutItem operation: boom\n"
      ">       resp = sns_client.list_subscriptions_by_topic(TopicArn=arn)\n"
      "E   botocore.exceptions.ClientError: An error occurred (NotImplemented) when calling "
      "the ListSubscriptionsByTopic operation\n"
      "";
  auto ops = failed_operations(text);
  CHECK(ops == std::vector<std::string>{":FrobnicateWidget Oops", "dynamodb:PutItem InternalError",
                                        "logs:PutRetentionPolicy",
                                        "s3:PutBucketNotificationConfiguration HTTP 501",
                                        "sns:ListSubscriptionsByTopic NotImplemented",
                                        "states:CreateStateMachine"});
  CHECK(failed_operations("all good").empty());
}

TEST_CASE("failed_operations: long single lines finish fast, and near-misses name nothing",
          "[validator]") {
  // 100 KB of one terraform line and a 60 KB token: libstdc++'s regex recursed per character
  // over these and overflowed the stack.
  const std::string line = "Error: operation error " + std::string(100 * 1024, 'S') + ": Op\n";
  CHECK(failed_operations(line) == std::vector<std::string>{std::string(100 * 1024, 's') + ":Op"});
  const std::string token(60 * 1024, 'x');
  const std::string boto = "An error occurred (" + token + ") when calling the " + token +
                           " operation " + std::string(100 * 1024, ' ') + "\n" +
                           "s3" + token + ".put(" + token;
  CHECK(failed_operations(boto).size() == 1);
  CHECK(failed_operations(std::string(100 * 1024, '(') + "when calling the X operation").empty());
  CHECK(failed_operations("An error occurred () when calling the X operation").empty());
  CHECK(failed_operations("An error occurred (E) when calling the X operatio").empty());
  CHECK(failed_operations("operation error S3:PutObject").empty());
  CHECK(failed_operations("operation error -S3: PutObject").empty());
  CHECK(failed_operations(">  q = queue.send_message(\nAn error occurred (E) when calling the "
                          "Frob operation") == std::vector<std::string>{":Frob E"});
  CHECK(failed_operations(">  q = sqs_client.send_it(\nAn error occurred (E) when calling the "
                          "Frob operation") == std::vector<std::string>{"sqs:Frob E"});
}

TEST_CASE("classify: an emulator gone after any step is ERROR, never a worse verdict",
          "[validator]") {
  for (const char* step : {"init", "apply", "test", "destroy"}) {
    auto s = all_ran(counts(2, 2, 0));
    s.destroy = failed_step("Error: deleting S3 Bucket: connection reset");
    s.emulator_gone_after = step;
    auto v = classify(s);
    CHECK(v.status == Status::ERROR);
    CHECK(v.stage == step);
    CHECK(v.error.type == "emulator_died");
  }
}

TEST_CASE("classify: an unreadable JUnit report is ERROR with the reason", "[validator]") {
  auto s = all_ran(counts(2, 2, 0));
  s.junit.reset();
  s.junit_problem = "the JUnit report is larger than 8388608 bytes or unreadable";
  auto v = classify(s);
  CHECK(v.status == Status::ERROR);
  CHECK(v.error.type == "junit_unreadable");
  CHECK(v.error.message == s.junit_problem);
}

TEST_CASE("classify: a lost shared provider is ERROR even when terraform wraps the message",
          "[validator]") {
  auto s = all_ran(counts(2, 2, 0));
  s.apply = failed_step("failed to instantiate provider\n\"registry.terraform.io/hashicorp/aws\" "
                        "to obtain schema: Reattachment process\nnot found..");
  auto v = classify(s);
  CHECK(v.status == Status::ERROR);
  CHECK(v.error.type == "shared_provider_lost");
  s.apply = failed_step("Reattachment process is fine, not found elsewhere");
  CHECK(classify(s).error.type != "shared_provider_lost");
}

TEST_CASE("classify: apply stopped before any AWS call is ERROR with its cause", "[validator]") {
  auto s = all_ran(counts(1, 1, 0));
  s.test = s.destroy = {};
  const std::pair<const char*, const char*> cases[] = {
      {"\nError: No value for required variable\n\n  on main.tf line 1:\n", "needs_input"},
      {"\nError: Unsupported argument\n\n  on main.tf line 3, in resource \"aws_s3_bucket\" "
       "\"b\":\n   3:   region = \"us-west-2\"\n\nAn argument named \"region\" is not expected "
       "here.\n",
       "provider_version_mismatch"},
      {"\nError: expected runtime to be one of [\"python3.12\"], got python3.14\n\n  with "
       "aws_lambda_function.f,\n",
       "provider_version_mismatch"},
      {"\nError: Module not installed\n\n  on main.tf line 9:\n", "module_unavailable"},
      {"\nError: Invalid function argument\n\n  on main.tf line 2:\n", "invalid_configuration"},
  };
  for (auto [output, cause] : cases) {
    s.apply = failed_step(output);
    auto v = classify(s);
    CHECK(v.status == Status::ERROR);
    CHECK(v.stage == "apply");
    CHECK(v.error.type == cause);
  }
}

TEST_CASE("classify: FAILED only once the emulator answered a call with an error",
          "[validator]") {
  auto s = all_ran(counts(1, 1, 0));
  s.test = s.destroy = {};
  // A request made while planning (moto's 500 on ValidateStateMachineDefinition).
  s.apply = failed_step(
      "Plan: 1 to add, 0 to change, 0 to destroy.\n\nError: validating Step Functions State "
      "Machine definition: operation error SFN: ValidateStateMachineDefinition, exceeded maximum "
      "number of attempts, 2, https response error StatusCode: 500, RequestID: , deserialization "
      "failed\n");
  auto v = classify(s);
  CHECK(v.status == Status::FAILED);
  CHECK(v.error.type == "apply_failed");
  CHECK(failed_operations(s.apply.output) ==
        std::vector<std::string>{"states:ValidateStateMachineDefinition HTTP 500"});
  // A waiter that gave up on the emulator after the request was made.
  s.apply = failed_step(
      "aws_lambda_function.f: Creating...\n\nError: waiting for Lambda Function (f) create: "
      "timeout while waiting for state to become 'Active'\n");
  CHECK(classify(s).status == Status::FAILED);
  // A configuration error found after a data source was read is still the configuration's.
  s.apply = failed_step("data.aws_region.r: Reading...\n\nError: Unsupported attribute\n");
  CHECK(classify(s).status == Status::ERROR);
  CHECK(classify(s).error.type == "provider_version_mismatch");
}

TEST_CASE("failed_calls: status, code and what is transient", "[validator]") {
  const std::string text =
      "Error: creating S3 Bucket (b): operation error S3: CreateBucket, https response error "
      "StatusCode: 400, RequestID: 1, HostID: 2, api error InvalidBucketName: The specified "
      "bucket is not valid.\n"
      "Error: creating SQS Queue (q): operation error SQS: CreateQueue, exceeded maximum number "
      "of attempts, 3, https response error StatusCode: 503, RequestID: , api error "
      "ServiceUnavailable: Service Unavailable\n"
      "Error: operation error DynamoDB: CreateTable, https response error StatusCode: 400, "
      "RequestID: 3, api error ThrottlingException: Rate exceeded\n"
      "Error: operation error Lambda: GetFunction, exceeded maximum number of attempts, 3, "
      "https response error StatusCode: 0, RequestID: , request send failed, Get "
      "\"http://127.0.0.1:4566/\": read tcp 127.0.0.1:1->127.0.0.1:4566: read: connection "
      "reset by peer\n";
  const auto calls = failed_calls(text);
  REQUIRE(calls.size() == 4);
  CHECK(calls[0].to_string() == "dynamodb:CreateTable HTTP 400 ThrottlingException");
  CHECK(calls[1].to_string() == "lambda:GetFunction");
  CHECK(calls[1].connection_reset);
  CHECK(calls[2].to_string() == "s3:CreateBucket HTTP 400 InvalidBucketName");
  CHECK(calls[3].to_string() == "sqs:CreateQueue HTTP 503 ServiceUnavailable");
  CHECK(calls[0].transient());
  CHECK(calls[1].transient());
  CHECK_FALSE(calls[2].transient());
  CHECK(calls[3].transient());
  CHECK_FALSE(only_transient_failures(text));  // the 400 is deterministic: no second try
  CHECK(only_transient_failures(text.substr(text.find("Error: creating SQS"))));
  CHECK_FALSE(only_transient_failures("Error: Unsupported argument\n"));  // nothing named
  // 501 and a 500 (terraform retried it already) are answers, not accidents.
  CHECK_FALSE(only_transient_failures(
      "operation error S3: PutBucketNotificationConfiguration, https response error StatusCode: "
      "501, api error NotImplemented: x\n"));
  CHECK_FALSE(only_transient_failures(
      "operation error SFN: ValidateStateMachineDefinition, exceeded maximum number of attempts, "
      "2, https response error StatusCode: 500, RequestID: \n"));
}
