#include <catch2/catch.hpp>

#include "formats/terraform_inputs.h"

using namespace lsqm;

namespace {

const char* kVariables =
    "variable \"region\" {}\n"
    "variable \"aws_region\" {\n  type = string\n}\n"
    "variable \"queue_name\" {\n  type = string\n}\n"
    "variable \"stage\" {}\n"
    "variable \"vpc_id\" {\n  type = string\n}\n"
    "variable \"subnet_ids\" {\n  type = list(string)\n}\n"
    "variable \"with_default\" {\n  default = \"x\"\n}\n"
    "variable \"environment\" {\n  validation {\n    condition = contains([\"dev\"], var.environment)\n"
    "    error_message = \"dev only\"\n  }\n}\n"
    "variable \"count_name\" {\n  type = number\n}\n";

}  // namespace

TEST_CASE("inputs: region and names are given, ids are missing", "[inputs]") {
  std::map<std::string, std::string> files{{"variables.tf", kVariables}};
  auto plan = plan_inputs(files, "", "eu-west-1", input_name_value("0123456789abcdef"));
  CHECK(plan.values == std::map<std::string, std::string>{{"aws_region", "\"eu-west-1\""},
                                                          {"queue_name", "\"lsqm-01234567\""},
                                                          {"region", "\"eu-west-1\""},
                                                          {"stage", "\"lsqm-01234567\""}});
  // environment has a validation rule and count_name is a number: neither is guessed.
  CHECK(plan.missing == std::vector<std::string>{"count_name", "environment", "subnet_ids", "vpc_id"});
  CHECK(input_tfvars(plan) ==
        "aws_region = \"eu-west-1\"\nqueue_name = \"lsqm-01234567\"\nregion = \"eu-west-1\"\n"
        "stage = \"lsqm-01234567\"\n");
}

TEST_CASE("inputs: tfvars beside the root module are used, elsewhere ignored", "[inputs]") {
  std::map<std::string, std::string> files{
      {"examples/a/main.tf", "variable \"vpc_id\" {}\nvariable \"subnet_ids\" {}\nvariable \"email\" {}\n"},
      {"examples/a/terraform.tfvars", "vpc_id = \"vpc-1\"\n"},
      {"examples/a/terraform.tfvars.example", "subnet_ids = [\"s-1\", \"s-2\"]\nvpc_id = \"ignored\"\n"},
      {"modules/x/variables.tf", "variable \"kms_key_arn\" {}\n"},
      {"examples/b/terraform.tfvars", "email = \"a@b.c\"\n"},
      {"examples/a/x.auto.tfvars.json", "{\"vpc_id\": \"vpc-2\", \"kms\": 1}"},
  };
  auto plan = plan_inputs(files, "examples/a", "us-east-1", "lsqm-x");
  CHECK(plan.provided == std::vector<std::string>{"vpc_id"});
  CHECK(plan.values == std::map<std::string, std::string>{{"subnet_ids", "[\"s-1\", \"s-2\"]"}});
  CHECK(plan.missing == std::vector<std::string>{"email"});
  files.erase("examples/a/terraform.tfvars");  // the JSON one still sets vpc_id
  CHECK(plan_inputs(files, "examples/a", "us-east-1", "lsqm-x").provided == std::vector<std::string>{"vpc_id"});
}

TEST_CASE("inputs: a value is quoted so terraform reads it back unchanged", "[inputs]") {
  std::map<std::string, std::string> files{{"main.tf", "variable \"name\" {}\n"}};
  auto plan = plan_inputs(files, "", "r", "a\"b${c}\\d\n");
  CHECK(plan.values.at("name") == "\"a\\\"b$${c}\\\\d\\n\"");
}

TEST_CASE("inputs: Terraform JSON variables follow the same rules", "[inputs]") {
  std::map<std::string, std::string> files{
      {"main.tf.json", R"({"variable": {"queue_name": {"type": "string"}, "count_name": {"type": "number"},
                         "region": {}}})"}};
  auto plan = plan_inputs(files, "", "eu-west-1", "lsqm-x");
  CHECK(plan.values == std::map<std::string, std::string>{{"queue_name", "\"lsqm-x\""}, {"region", "\"eu-west-1\""}});
  CHECK(plan.missing == std::vector<std::string>{"count_name"});
}
