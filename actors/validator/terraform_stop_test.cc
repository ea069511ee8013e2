#include "actors/validator/terraform_stop.h"

#include <catch2/catch.hpp>

using namespace lsqm;

// Outputs of terraform 1.11.4 with hashicorp/aws 5.100.0 (-no-color), captured on this machine.
namespace {

const char* kNeedsInput = R"(
Error: No value for required variable

  on main.tf line 1:
   1: variable "queue_name" { type = string }

The root module input variable "queue_name" is not set, and has no default
value. Use a -var or -var-file command line argument to provide a value for
this variable.
)";

const char* kUnconfigurable = R"(
Error: Value for unconfigurable attribute

  with aws_s3_bucket.b,
  on main.tf line 3, in resource "aws_s3_bucket" "b":
   3:   region = "us-west-2"

Can't configure a value for "region": its value will be decided automatically
based on the result of applying this configuration.
)";

const char* kRuntime = R"(
Error: expected runtime to be one of ["nodejs" "nodejs4.3" "python3.12" "java21" "python3.13" "nodejs22.x"], got python9.99

  with aws_lambda_function.f,
  on main.tf line 8, in resource "aws_lambda_function" "f":
   8:   runtime = "python9.99"
)";

const char* kUnsupportedAttribute = R"(
Error: Unsupported attribute

  on main.tf line 2, in output "x":
   2: output "x" { value = aws_s3_bucket.b.nonexistent_attr }

This object has no argument, nested block, or exported attribute named
"nonexistent_attr".
)";

const char* kMissingArgument = R"(
Error: Missing required argument

  on main.tf line 1, in resource "aws_sqs_queue_policy" "p":
   1: resource "aws_sqs_queue_policy" "p" { queue_url = "x" }

The argument "policy" is required, but no definition was found.
)";

const char* kInvalidType = R"(
Error: Invalid resource type

  on main.tf line 1, in resource "aws_s3_bucket_v7" "b":
   1: resource "aws_s3_bucket_v7" "b" { bucket = "bb" }

The provider hashicorp/aws does not support resource type "aws_s3_bucket_v7".
)";

const char* kIncorrectType = R"(
Error: Incorrect value type

  on main.tf line 3, in resource "aws_s3_bucket" "b":
   3:   count = "abc"

Invalid expression value: a number is required.
)";

const char* kUnreadableModule = R"(Initializing the backend...
Initializing modules...
- x in

Error: Unreadable module directory

Unable to evaluate directory symlink: lstat ../../modules: no such file or
directory

Error: Unreadable module directory

The directory  could not be read for module "x" at main.tf:1.
)";

const char* kRegistry = R"(Initializing the backend...
Initializing modules...

Error: Error accessing remote module registry

  on main.tf line 1:
   1: module "x" {

Failed to retrieve available versions for module "x" (main.tf:1) from
registry.terraform.io: failed to request discovery document: Get
"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
registry.terraform.io on 10.255.255.53:53: no such host.
)";

const char* kSfnPlan = R"(Plan: 1 to add, 0 to change, 0 to destroy.

Error: validating Step Functions State Machine definition: operation error SFN: ValidateStateMachineDefinition, exceeded maximum number of attempts, 2, https response error StatusCode: 500, RequestID: , deserialization failed, failed to decode response body, invalid character '<' looking for beginning of value

  with aws_sfn_state_machine.m,
  on main.tf line 5, in resource "aws_sfn_state_machine" "m":
)";

}  // namespace

TEST_CASE("stop_cause: terraform's configuration errors by cause", "[validator][stop]") {
  CHECK(stop_cause(kNeedsInput) == "needs_input");
  for (const char* text : {kUnconfigurable, kRuntime, kUnsupportedAttribute, kMissingArgument,
                           kInvalidType})
    CHECK(stop_cause(text) == "provider_version_mismatch");
  CHECK(stop_cause(kIncorrectType) == "invalid_configuration");
  CHECK(stop_cause(kUnreadableModule) == "module_unavailable");
  CHECK(stop_cause(kRegistry) == "module_unavailable");
  CHECK(stop_cause("") == "invalid_configuration");
  // A phrase quoted inside a diagnostic's detail is not its summary.
  CHECK(stop_cause("Error: Invalid value\n\n  the text says Error: Unsupported argument") ==
        "invalid_configuration");
  // terraform's boxed (colourless) margin still starts a summary.
  CHECK(stop_cause("\xe2\x94\x82 Error: Unsupported argument\n") == "provider_version_mismatch");
}

TEST_CASE("made_aws_calls: progress lines and SDK errors, not plans or config errors",
          "[validator][stop]") {
  for (const char* text : {kNeedsInput, kUnconfigurable, kRuntime, kUnsupportedAttribute,
                           kMissingArgument, kInvalidType, kIncorrectType})
    CHECK_FALSE(made_aws_calls(text));
  CHECK_FALSE(made_aws_calls("Plan: 2 to add, 0 to change, 0 to destroy.\n"));
  CHECK(made_aws_calls(kSfnPlan));  // a request made while planning
  CHECK(made_aws_calls("aws_s3_bucket.b: Creating...\naws_s3_bucket.b: Creation complete"));
  CHECK(made_aws_calls("data.aws_caller_identity.me: Reading...\n"));
}
