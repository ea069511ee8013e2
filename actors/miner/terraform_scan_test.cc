#include <catch2/catch.hpp>

#include "actors/miner/terraform_scan.h"

using namespace lsqm;
using strings = std::vector<std::string>;

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
  CHECK(s.providers == strings{"aws", "random"});
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
  bucket = "a#b//c" /* inline */ tags = { url = "http://x/*y*/" }
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

TEST_CASE("strip_hcl_comments keeps strings and line breaks", "[miner]") {
  CHECK(strip_hcl_comments("a = \"x # y\" # z\nb = 1") == "a = \"x # y\" \nb = 1");
  CHECK(strip_hcl_comments("a /* x\ny */ b") == "a  \n b");
  CHECK(strip_hcl_comments("v = \"${var.a == \"#\" ? 1 : 2}\" // c") ==
        "v = \"${var.a == \"#\" ? 1 : 2}\" ");
  CHECK(strip_hcl_comments("x = \"unterminated # still code\ny = 2 # gone") ==
        "x = \"unterminated # still code\ny = 2 ");
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
  CHECK(s.providers == strings{"aws", "external", "null"});
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
  CHECK_FALSE(s.modules[2].scanned);
  CHECK(s.modules[3].name == "inner");
  CHECK(s.modules[3].scanned);
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
  CHECK(s.providers == strings{"aws"});
}
