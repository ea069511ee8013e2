#include "adapters/emulator.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "adapters/http.h"
#include "tests/test_support.h"

using namespace lsqm;

TEST_CASE("emulator_argv splits the command and fills in the port", "[emulator]") {
  CHECK(emulator_argv("moto_server -H 127.0.0.1 -p {port}", 4566) ==
        std::vector<std::string>{"moto_server", "-H", "127.0.0.1", "-p", "4566"});
  CHECK(emulator_argv("run --bind=:{port}/{port}", 7) ==
        std::vector<std::string>{"run", "--bind=:7/7"});
  CHECK(emulator_argv("   ", 1).empty());
}

TEST_CASE("an emulator started by lsqm knows the AWS managed policies", "[emulator][moto]") {
  testing::TempDir dir("emulator");
  EmulatorSpec spec;
  spec.log_dir = dir.path;
  spec.record_dir = dir.path / "records";
  int port = find_free_port();
  auto emulator = EmulatorProcess::start(spec, port);
  for (int i = 0; i < 300 && !emulator->ready(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(emulator->ready());
  HttpRequest get_policy;
  get_policy.method = "POST";
  get_policy.url = "http://127.0.0.1:" + std::to_string(port) + "/";
  get_policy.headers = {
      {"Content-Type", "application/x-www-form-urlencoded"},
      {"Authorization", "AWS4-HMAC-SHA256 Credential=test/20261125/us-east-1/iam/aws4_request, "
                        "SignedHeaders=host, Signature=0"}};
  get_policy.body = "Action=GetPolicy&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3A"
                    "policy%2Fservice-role%2FAWSLambdaBasicExecutionRole";
  auto answer = http_request(get_policy);
  INFO(answer.body);
  CHECK(answer.status == 200);
  CHECK_THAT(answer.body, Catch::Contains("AWSLambdaBasicExecutionRole"));
}
