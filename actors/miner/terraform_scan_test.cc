#include <catch2/catch.hpp>

#include "actors/miner/terraform_scan.h"

using namespace lsqm;
using strings = std::vector<std::string>;

namespace {
std::string hashicorp(const std::string& type) { return "registry.terraform.io/hashicorp/" + type; }
}  // namespace

TEST_CASE("scan finds resources, data sources and providers", "[miner]") {
  std::map<std::string, std::string> files = {
      {"main.tf", R"(
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    rnd = { source = "hashicorp/random" }
  }
}
provider "aws" {
  region = "us-east-1"
}
resource "aws_s3_bucket" "a" {
  bucket = "a"
}
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_sqs_queue" "q" {}
resource "rnd_id" "suffix" { byte_length = 4 }
data "aws_caller_identity" "me" {}
)"},
      {"outputs.tf", "output \"x\" { value = aws_s3_bucket.a.id }\n"},
      {"README.md", "resource \"aws_sns_topic\" \"t\" {}\n"},
  };
  auto s = scan_terraform(files);
  CHECK(s.resource_types == strings{"aws_s3_bucket", "aws_sqs_queue", "rnd_id"});
  CHECK(s.resource_count == 4);
  CHECK(s.data_types == strings{"aws_caller_identity"});
  CHECK(s.providers == strings{hashicorp("aws"), hashicorp("random")});
  CHECK(s.provisioners.empty());
  CHECK_FALSE(s.uses_external_data);
}

TEST_CASE("commented-out declarations do not count", "[miner]") {
  std::map<std::string, std::string> files = {{"main.tf", R"(
# resource "aws_eks_cluster" "a" {}
// resource "aws_eks_cluster" "b" {}
/* resource "aws_eks_cluster" "c" {}
   provisioner "local-exec" { command = "rm -rf /" } */
resource "aws_s3_bucket" "ok" { # trailing comment with provisioner "local-exec" {
  bucket = "a#b//c" /* inline */
  tags = { url = "http://x/*y*/" }
}
data "aws_iam_policy_document" "p" {}
)"}};
  auto s = scan_terraform(files);
  CHECK(s.resource_types == strings{"aws_s3_bucket"});
  CHECK(s.resource_count == 1);
  CHECK(s.provisioners.empty());
}

TEST_CASE("heredoc bodies are not declarations", "[miner]") {
  std::map<std::string, std::string> files = {{"main.tf", R"(
resource "aws_instance" "web" {
  user_data = <<-EOT
    #!/bin/bash
    resource "aws_eks_cluster" "fake" {}
    provisioner "local-exec" {
  EOT
}
resource "aws_s3_bucket" "after" {}
)"}};
  auto s = scan_terraform(files);
  CHECK(s.resource_types == strings{"aws_instance", "aws_s3_bucket"});
  CHECK(s.provisioners.empty());
}

TEST_CASE("a string spanning lines hides no provisioner", "[miner][intake]") {
  std::map<std::string, std::string> files = {{"main.tf", R"(
resource "aws_s3_bucket" "b" {}
resource "null_resource" "n" {
  triggers = { a = "${
 1} /* " }
  provisioner "local-exec" {
    command = "cat /proc/$PPID/environ"
  }
}
)"}};
  auto s = scan_terraform(files);
  CHECK(s.errors.empty());
  CHECK(s.provisioners == strings{"local-exec"});
}

TEST_CASE("provisioners and the external data source are found", "[miner]") {
  std::map<std::string, std::string> files = {{"main.tf", R"(
resource "null_resource" "n" {
  provisioner "local-exec" {
    command = "echo hi"
  }
}
resource "aws_instance" "i" {
  provisioner "remote-exec" { inline = ["ls"] }
}
data "external" "e" { program = ["python3", "x.py"] }
)"}};
  auto s = scan_terraform(files);
  CHECK(s.provisioners == strings{"local-exec", "remote-exec"});
  CHECK(s.uses_external_data);
  CHECK(s.providers == strings{hashicorp("aws"), hashicorp("external"), hashicorp("null")});
}

TEST_CASE("local modules are followed, remote ones listed", "[miner]") {
  std::map<std::string, std::string> files = {
      {"main.tf", R"(
module "queue" {
  source = "./modules/queue"
  name   = "q"
}
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
module "outside" { source = "../../elsewhere" }
)"},
      {"modules/queue/main.tf",
       "resource \"aws_sqs_queue\" \"q\" {}\nmodule \"inner\" { source = \"../topic\" }\n"},
      {"modules/topic/main.tf", "resource \"aws_sns_topic\" \"t\" {}\n"},
      {"modules/unused/main.tf", "resource \"aws_eks_cluster\" \"c\" {}\n"},
  };
  auto s = scan_terraform(files);
  CHECK(s.resource_types == strings{"aws_sns_topic", "aws_sqs_queue"});
  REQUIRE(s.modules.size() == 4);
  CHECK(s.modules[0].name == "queue");
  CHECK(s.modules[0].scanned);
  CHECK(s.modules[1].source == "terraform-aws-modules/vpc/aws");
  CHECK_FALSE(s.modules[1].scanned);
  CHECK(s.modules[1].registry);
  CHECK(s.modules[1].refusal.empty());
  CHECK_FALSE(s.modules[2].scanned);
  CHECK(s.modules[2].refusal == "module outside: source \"../../elsewhere\" leaves the source tree");
  CHECK(s.modules[3].name == "inner");
  CHECK(s.modules[3].scanned);
  CHECK(s.modules[3].refusal.empty());
}

TEST_CASE("terraform JSON syntax is scanned too", "[miner]") {
  std::map<std::string, std::string> files = {
      {"main.tf.json", R"({
  "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws"}}},
  "provider": {"aws": {"region": "us-east-1"}},
  "resource": {
    "aws_s3_bucket": {"a": {}, "b": {}},
    "null_resource": {"n": {"provisioner": [{"local-exec": {"command": "x"}}]}}
  },
  "data": {"external": {"e": {}}},
  "module": {"m": {"source": "./m"}}
})"},
      {"broken.tf.json", "{not json"},
  };
  auto s = scan_terraform(files);
  CHECK(s.resource_types == strings{"aws_s3_bucket", "null_resource"});
  CHECK(s.resource_count == 3);
  CHECK(s.provisioners == strings{"local-exec"});
  CHECK(s.uses_external_data);
  REQUIRE(s.modules.size() == 1);
  CHECK(s.modules[0].source == "./m");
  REQUIRE(s.errors.size() == 1);
  CHECK(s.errors[0].find("broken.tf.json") != std::string::npos);
}

TEST_CASE("legacy required_providers and the built-in terraform provider", "[miner]") {
  std::map<std::string, std::string> files = {{"versions.tf", R"(
terraform {
  required_providers {
    aws = "~> 3.0"
  }
}
data "terraform_remote_state" "net" { backend = "s3" }
resource "aws_sqs_queue" "q" {}
)"}};
  auto s = scan_terraform(files);
  CHECK(s.providers == strings{hashicorp("aws")});
}

TEST_CASE("providers are known by full source address, per module", "[miner][intake]") {
  std::map<std::string, std::string> files = {
      {"main.tf", R"(
terraform {
  required_providers {
    aws = { source = "evilcorp/aws" }
    real = { source = "hashicorp/aws" }
  }
}
resource "aws_s3_bucket" "b" {}
resource "aws_s3_bucket" "c" { provider = google.x }
module "m" { source = "./m" }
)"},
      {"m/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"},
      {"unused/main.tf", "terraform {\n  required_providers {\n    x = { source = \"${var.s}\" }\n  }\n}\n"},
  };
  auto s = scan_terraform(files);
  // The root's "aws" is evilcorp's; the module's implied one is hashicorp's.
  CHECK(s.providers == strings{"registry.terraform.io/evilcorp/aws", hashicorp("aws"), hashicorp("google")});
  REQUIRE(s.errors.size() == 1);
  CHECK(s.errors[0] == "unused/main.tf: provider x has a source that is not a plain string");
}

TEST_CASE("module sources terraform may not load are refused with a reason", "[miner][intake]") {
  std::map<std::string, std::string> files = {
      {"main.tf", R"(
module "abs" { source = "/etc/x" }
module "git" { source = "git::https://example.com/x.git" }
module "sub" { source = "./m//x" }
module "none" { source = "./missing" }
module "computed" { source = var.s }
module "ok" { source = "./m" }
)"},
      {"m/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"},
  };
  auto s = scan_terraform(files);
  REQUIRE(s.modules.size() == 6);
  CHECK_THAT(s.modules[0].refusal, Catch::Contains("module abs: module source \"/etc/x\" is neither"));
  CHECK_THAT(s.modules[1].refusal, Catch::Contains("module git:"));
  CHECK_THAT(s.modules[2].refusal, Catch::Contains("\"//\""));
  CHECK(s.modules[3].refusal == "module none: no Terraform files at \"./missing\"");
  CHECK(s.modules[4].refusal == "module computed: source is missing or not a plain string");
  CHECK(s.modules[5].refusal.empty());
  CHECK(s.modules[5].scanned);
}

TEST_CASE("terraform files anywhere in the unit are read for refusals", "[miner][intake]") {
  std::map<std::string, std::string> files = {
      {"main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n"},
      {"examples/x/main.tf", "resource \"null_resource\" \"n\" {\n  provisioner \"remote-exec\" {}\n}\n"},
      {"bad.tf.json", R"({"resource": {"a": {}}, "resource": {}})"},
      {"x.tf.json.b64", "e30="},
  };
  auto s = scan_terraform(files);
  CHECK(s.resource_types == strings{"aws_s3_bucket"});  // what terraform loads
  CHECK(s.provisioners == strings{"remote-exec"});      // what refuses the unit
  CHECK(s.errors == strings{"bad.tf.json: duplicate key \"resource\"",
                            "x.tf.json.b64: a Terraform file stored base64-encoded"});
}

TEST_CASE("a wrapper whose module calls iterate over an empty variable deploys nothing",
          "[miner]") {
  std::map<std::string, std::string> files = {
      {"main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"},
      {"wrappers/main.tf", "module \"wrapper\" {\n  source = \"../\"\n  for_each = var.items\n"
                           "  name = try(each.value.name, null)\n}\n"},
      {"wrappers/variables.tf", "variable \"items\" {\n  type = any\n  default = {}\n}\n"}};
  auto scan = scan_terraform(files, "wrappers");
  CHECK(scan.empty_iteration == "var.items");
  CHECK(scan.resource_types == std::vector<std::string>{"aws_sqs_queue"});

  // An iteration with something to iterate over deploys: not refused.
  files["wrappers/variables.tf"] = "variable \"items\" {\n  default = { a = {} }\n}\n";
  CHECK(scan_terraform(files, "wrappers").empty_iteration.empty());
  // Nor is a root module with a resource of its own beside the wrapper call.
  files["wrappers/variables.tf"] = "variable \"items\" {\n  default = {}\n}\n";
  files["wrappers/extra.tf"] = "resource \"aws_sns_topic\" \"t\" {}\n";
  CHECK(scan_terraform(files, "wrappers").empty_iteration.empty());
  files.erase("wrappers/extra.tf");
  // Nor a call that does not iterate.
  files["wrappers/other.tf"] = "module \"plain\" {\n  source = \"../\"\n}\n";
  CHECK(scan_terraform(files, "wrappers").empty_iteration.empty());
}
