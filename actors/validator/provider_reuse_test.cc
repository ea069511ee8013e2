#include "actors/validator/provider_reuse.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("scan_provider_facts finds the aws version constraint and binding settings",
          "[validator]") {
  auto facts = scan_provider_facts(
      {{"versions.tf",
        "terraform {\n  required_providers {\n    random = { source = \"hashicorp/random\", "
        "version = \"3.1.0\" }\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = "
        "\"~> 4.0\"\n    }\n  }\n}\n"},
       {"main.tf",
        "provider \"aws\" {\n  region = \"us-east-1\"\n  assume_role {\n    role_arn = \"x\"\n  "
        "}\n  sts_region = \"us-east-1\"\n}\n"
        "# provider \"aws\" { endpoints { s3 = \"x\" } }\n"},
       {"modules/m/main.tf", "provider \"aws\" {\n  endpoints {\n    s3 = \"x\"\n  }\n}\n"}});
  CHECK(facts.aws_version_constraint == "~> 4.0");
  CHECK(facts.aws_provider_settings == std::vector<std::string>{"assume_role", "sts_region"});
  CHECK(facts.module_aws_providers == 1);

  auto plain = scan_provider_facts(
      {{"main.tf", "provider \"aws\" {\n  region = \"eu-west-1\"\n  default_tags {\n    tags = "
                   "{ a = \"b\" }\n  }\n}\n"}});
  CHECK(plain.aws_version_constraint.empty());
  CHECK(plain.aws_provider_settings.empty());
}

TEST_CASE("the slot's provider serves only what it can serve faithfully", "[validator]") {
  TerraformFacts facts;
  CHECK(shared_provider_refusal(facts, "5.100.0", "").empty());
  facts.aws_version_constraint = "~> 3.27";
  CHECK_THAT(shared_provider_refusal(facts, "5.100.0", ""),
             Catch::Contains("~> 3.27") && Catch::Contains("5.100.0"));
  CHECK(shared_provider_refusal(facts, "5.100.0", "5.100.0").empty());  // pinned for all
  CHECK_FALSE(shared_provider_refusal(facts, "5.100.0", "5.90.0").empty());
  facts.aws_version_constraint.clear();
  facts.aws_provider_settings = {"endpoints"};
  CHECK_THAT(shared_provider_refusal(facts, "5.100.0", ""), Catch::Contains("endpoints"));
  facts.aws_provider_settings.clear();
  // Two configurations in one provider process mix (measured: an alias's region won for all).
  facts.aws_providers = {{"", "us-east-1"}, {"west", "eu-west-1"}};
  CHECK_THAT(shared_provider_refusal(facts, "5.100.0", ""), Catch::Contains("alias \"west\""));
  facts.aws_providers = {{"only", "eu-west-1"}};  // plus the override's default: two again
  CHECK_FALSE(shared_provider_refusal(facts, "5.100.0", "").empty());
  facts.aws_providers = {{"", "eu-west-1"}};
  facts.module_aws_providers = 1;
  CHECK_THAT(shared_provider_refusal(facts, "5.100.0", ""), Catch::Contains("module"));
  facts.module_aws_providers = 0;
  facts.profiles = {"dev"};  // read from files named in the override: aws >= 4 only
  CHECK(shared_provider_refusal(facts, "5.100.0", "").empty());
  CHECK_THAT(shared_provider_refusal(facts, "3.76.0", ""), Catch::Contains("profiles"));
}

TEST_CASE("the override names the sandbox's profile files only when asked", "[validator]") {
  TerraformFacts facts;
  OverrideOptions options;
  CHECK_THAT(provider_override(facts, options), !Catch::Contains("shared_config_files"));
  options.aws_config_file = "/w/home/.aws/config";
  options.aws_credentials_file = "/w/home/.aws/credentials";
  auto text = provider_override(facts, options);
  CHECK_THAT(text, Catch::Contains("shared_config_files         = [\"/w/home/.aws/config\"]") &&
                       Catch::Contains("shared_credentials_files    = [\"/w/home/.aws/credentials\"]"));
}

TEST_CASE("an architecture whose provider reads local files gets a provider of its own",
          "[validator]") {
  auto facts = scan_provider_facts(
      {{"main.tf.json",
        R"({"resource": {"aws_lambda_function": {"f": {"function_name": "f", "role": "r",
            "filename": "./lambda/f.zip", "handler": "h.h", "runtime": "python3.12"}}}})"},
       {"objects.tf", "resource \"aws_s3_object\" \"o\" {\n  bucket = \"b\"\n  key = \"k\"\n"
                      "  source = \"./files/o.txt\"\n}\n"
                      "resource \"aws_s3_object\" \"inline\" {\n  bucket = \"b\"\n  key = \"i\"\n"
                      "  content = \"x\"\n}\n"}});
  CHECK(facts.local_file_resources ==
        std::vector<std::string>{"aws_lambda_function.f", "aws_s3_object.o"});
  CHECK_THAT(shared_provider_refusal(facts, "5.100.0", ""),
             Catch::Contains("aws_lambda_function.f reads a local file"));
  // Content given inline reads nothing from disk: the slot's provider serves it.
  CHECK(scan_provider_facts({{"main.tf", "resource \"aws_s3_object\" \"o\" {\n  content = \"x\"\n}\n"}})
            .local_file_resources.empty());
}
