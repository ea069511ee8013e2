#include "actors/validator/provider_override.h"

#include <chrono>

#include <catch2/catch.hpp>

using namespace lsqm;

namespace {
bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto p = text.find(part); p != std::string::npos; p = text.find(part, p + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("braces in comments, strings and heredocs make no provider blocks", "[validator]") {
  auto facts = scan_provider_facts(
      {{"main.tf",
        "a = \"x{y}\" # c {\n"
        "b = \"${var.z}\" // {{\n"
        "/* provider \"aws\" { alias = \"c\" } */ c = <<EOF\nprovider \"aws\" {\nEOF\n"
        "provider \"aws\" {}\n"}});
  CHECK(facts.errors.empty());
  REQUIRE(facts.aws_providers.size() == 1);
  CHECK(facts.aws_providers[0].alias.empty());
}

TEST_CASE("a 60 KB attribute in provider \"aws\" ends with a reason, not a crash", "[validator][intake]") {
  auto start = std::chrono::steady_clock::now();
  auto facts = scan_provider_facts(
      {{"main.tf", "provider \"aws\" {\n  region = \"" + std::string(60 * 1024, 'a') + "\"\n}\n"}});
  REQUIRE(facts.errors.size() == 1);
  CHECK_THAT(facts.errors[0], Catch::Contains("main.tf: line 2: a line longer than"));
  CHECK(facts.aws_providers.empty());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("the override never turns a unit's literal into a template", "[validator][intake]") {
  auto facts = scan_provider_facts(
      {{"main.tf", "provider \"aws\" {\n  region = \"$${file(\\\"/proc/1/environ\\\")}\\nx\"\n}\n"}});
  REQUIRE(facts.aws_providers.size() == 1);
  CHECK(facts.aws_providers[0].region == "${file(\"/proc/1/environ\")}\nx");
  auto text = provider_override(facts, {});
  CHECK(has(text, "region                      = \"$${file(\\\"/proc/1/environ\\\")}\\nx\""));
}

TEST_CASE("scan_provider_facts finds aws provider blocks, aliases, regions, profiles, backend",
          "[validator]") {
  std::map<std::string, std::string> files{
      {"main.tf",
       "terraform {\n  required_version = \">= 1.0\"\n  backend \"s3\" {\n"
       "    bucket = \"state\"\n    key = \"k\"\n    profile = \"statebucket\"\n  }\n}\n"
       "provider \"aws\" {\n  region  = \"eu-west-1\"\n  profile = \"dev\"\n"
       "  default_tags {\n    tags = { alias = \"not-an-alias\" }\n  }\n}\n"
       "provider \"aws\" {\n  alias  = \"replica\"\n  region = var.replica_region\n}\n"
       "# provider \"aws\" { alias = \"commented\" }\n"
       "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x-${var.y}\"\n}\n"},
      {"other.tf", "provider aws {\n  alias = \"east\"\n  region = \"us-east-2\"\n}\n"},
      {"modules/m/main.tf",
       "provider \"aws\" {\n  alias = \"inmodule\"\n  profile = \"modprofile\"\n}\n"},
      {"README.md", "profile = \"notterraform\"\n"}};
  auto facts = scan_provider_facts(files);
  REQUIRE(facts.aws_providers.size() == 3);
  CHECK(facts.aws_providers[0].alias.empty());
  CHECK(facts.aws_providers[0].region == "eu-west-1");
  CHECK(facts.aws_providers[1].alias == "replica");
  CHECK(facts.aws_providers[1].region.empty());
  CHECK(facts.aws_providers[2].alias == "east");
  CHECK(facts.aws_providers[2].region == "us-east-2");
  CHECK(facts.profiles == std::vector<std::string>{"dev", "modprofile", "statebucket"});
  CHECK(facts.backend == "s3");
}

TEST_CASE("provider_override writes one block per alias, no endpoints, local backend",
          "[validator]") {
  TerraformFacts facts;
  facts.aws_providers = {{"", "eu-west-1"}, {"replica", ""}};
  facts.backend = "s3";
  OverrideOptions opt;
  opt.region = "us-east-1";
  auto text = provider_override(facts, opt);
  CHECK(count(text, "provider \"aws\" {") == 2);
  CHECK(has(text, "alias                       = \"replica\""));
  CHECK(has(text, "region                      = \"eu-west-1\""));
  CHECK(has(text, "region                      = \"us-east-1\""));
  CHECK(count(text, "access_key                  = \"test\"") == 2);
  CHECK(count(text, "s3_use_path_style           = true") == 2);
  CHECK(count(text, "max_retries                 = 2") == 2);
  CHECK(count(text, "skip_requesting_account_id  = true") == 2);
  CHECK_FALSE(has(text, "endpoints"));
  CHECK(has(text, "backend \"local\" {}"));
  CHECK_FALSE(has(text, "required_providers"));
}

TEST_CASE("provider_override adds the default block and an optional version pin",
          "[validator]") {
  TerraformFacts facts;  // no provider block at all: aws is configured implicitly
  OverrideOptions opt;
  opt.region = "ap-south-1";
  opt.pin_aws_version = "5.100.0";
  auto text = provider_override(facts, opt);
  CHECK(count(text, "provider \"aws\" {") == 1);
  CHECK_FALSE(has(text, "alias"));
  CHECK(has(text, "\"ap-south-1\""));
  CHECK(has(text, "version = \"5.100.0\""));
  CHECK_FALSE(has(text, "backend"));

  facts.backend = "local";
  opt.pin_aws_version.clear();
  CHECK_FALSE(has(provider_override(facts, opt), "terraform {"));
}

TEST_CASE("aws_profile_files declares default and every named profile with dummy keys",
          "[validator]") {
  auto files = aws_profile_files({"dev", "prod"}, "us-west-2");
  CHECK(has(files.config, "[default]\nregion = us-west-2"));
  CHECK(has(files.config, "[profile dev]\n"));
  CHECK(has(files.config, "[profile prod]\n"));
  CHECK(has(files.credentials, "[dev]\naws_access_key_id = test\naws_secret_access_key = test"));
  CHECK(has(files.credentials, "[default]\n"));
  CHECK(count(files.credentials, "aws_access_key_id = test") == 3);
}
