#include <chrono>

#include <catch2/catch.hpp>

#include "actors/miner/architecture_builder.h"
#include "actors/miner/config_for_test.h"
#include "actors/miner/content_hash.h"

using namespace lsqm;
using lsqm::test::project_catalog;
using strings = std::vector<std::string>;

namespace {

Architecture build(const std::map<std::string, std::string>& files) {
  return make_architecture("demo", "file:///src/demo", "terraform", files, project_catalog(),
                           "2024-01-01T00:00:00Z");
}

const char* queue_and_bucket = R"(
provider "aws" { region = "us-east-1" }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_policy" "p" { bucket = aws_s3_bucket.b.id }
resource "aws_sqs_queue" "q" {}
resource "aws_iam_role" "r" {}
resource "random_id" "x" { byte_length = 2 }
)";

}  // namespace

TEST_CASE("normalize_text unifies line endings and trailing space", "[miner]") {
  CHECK(normalize_text("a  \r\nb\t\r\n\r\nc ") == "a\nb\n\nc");
  CHECK(normalize_text("x\n") == "x\n");
  CHECK(normalize_text("") == "");
}

TEST_CASE("content_hash is sha256 of path NUL content, in path order", "[miner]") {
  // printf 'a.tf\0x' | sha256sum
  CHECK(content_hash({{"a.tf", "x"}}) ==
        "7e49f513b0d52b21895d087e1256bff03ddd5e98c75504a19b30c215eddc3fdc");
  CHECK(content_hash({{"a.tf", "x\r\n"}}) == content_hash({{"a.tf", "x  \n"}}));
  CHECK(content_hash({{"a.tf", "x"}}) != content_hash({{"b.tf", "x"}}));
  CHECK(content_hash({{"a.tf", "x"}, {"b.tf", "y"}}) != content_hash({{"a.tf", "y"}, {"b.tf", "x"}}));
  CHECK(content_hash({}) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a supported architecture is described and not skipped", "[miner]") {
  auto a = build({{"main.tf", queue_and_bucket}, {"README.md", "hello\r\n"}});
  CHECK(a.name == "demo");
  CHECK(a.source_url == "file:///src/demo");
  CHECK(a.source_kind == "terraform");
  CHECK(a.discovered_at == "2024-01-01T00:00:00Z");
  CHECK(a.resource_types ==
        strings{"aws_iam_role", "aws_s3_bucket", "aws_s3_bucket_policy", "aws_sqs_queue", "random_id"});
  CHECK(a.resource_count == 5);
  CHECK(a.services == strings{"iam", "s3", "sqs"});
  CHECK(a.skip_reason.empty());
  CHECK(a.files.at("README.md") == "hello\n");
  CHECK(a.hash == content_hash(a.files));
  CHECK(a.hash.size() == 64);
}

TEST_CASE("whitespace-only differences keep the hash", "[miner]") {
  std::string crlf;
  for (char c : std::string(queue_and_bucket)) {
    if (c == '\n') crlf += "  \r\n";
    else crlf += c;
  }
  CHECK(build({{"main.tf", queue_and_bucket}}).hash == build({{"main.tf", crlf}}).hash);
  CHECK(build({{"main.tf", queue_and_bucket}}).hash !=
        build({{"main.tf", std::string(queue_and_bucket) + "# new comment\n"}}).hash);
}

TEST_CASE("skip reasons", "[miner]") {
  auto reason = [](const std::string& tf) { return build({{"main.tf", tf}}).skip_reason; };
  CHECK(reason("resource \"aws_s3_bucket\" \"b\" {\n provisioner \"local-exec\" { command = \"x\" }\n}") ==
        "uses provisioner local-exec");
  CHECK(reason("resource \"aws_s3_bucket\" \"b\" {}\ndata \"external\" \"e\" {}") ==
        "uses external data source");
  CHECK(reason("resource \"aws_s3_bucket\" \"b\" {}\nprovider \"kubernetes\" {}\nresource \"google_x\" \"y\" {}") ==
        "uses providers outside the allowlist: registry.terraform.io/hashicorp/google, "
        "registry.terraform.io/hashicorp/kubernetes");
  CHECK(reason("resource \"aws_eks_cluster\" \"c\" {}\nresource \"aws_ecs_cluster\" \"e\" {}\n"
               "resource \"aws_s3_bucket\" \"b\" {}") ==
        "uses unsupported services: ecs, eks");
  CHECK(reason("resource \"random_id\" \"r\" {}") == "no aws resources");
  CHECK(build({{"main.tf", "module \"w\" {\n source = \"./m\"\n for_each = var.items\n}\n"
                           "variable \"items\" {\n default = {}\n}\n"},
               {"m/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"}})
            .skip_reason ==
        "deploys nothing with its defaults: its modules iterate over an empty var.items");
  CHECK(reason("# resource \"aws_s3_bucket\" \"b\" {}") == "no aws resources");
  CHECK(reason("resource \"aws_brand_new_thing\" \"x\" {}") ==
        "unmapped resource types: aws_brand_new_thing");
  CHECK(build({{"main.tf.json", "{oops"}}).skip_reason.rfind("unreadable: main.tf.json", 0) == 0);
  // Allowed providers pass: archive, null, time, tls, random.
  CHECK(reason("resource \"aws_s3_bucket\" \"b\" {}\ndata \"archive_file\" \"z\" {}\n"
               "resource \"null_resource\" \"n\" {}\nresource \"time_sleep\" \"t\" {}\n"
               "resource \"tls_private_key\" \"k\" {}\nresource \"random_id\" \"r\" {}") == "");
}

TEST_CASE("intake attacks are refused with a reason", "[miner][intake]") {
  auto reason = [](const std::string& tf) { return build({{"main.tf", tf}}).skip_reason; };
  const std::string bucket = "resource \"aws_s3_bucket\" \"b\" {}\n";
  // A provisioner behind a string that spans lines (issue 7's first attack).
  CHECK(reason(bucket + "resource \"null_resource\" \"n\" {\n  triggers = { a = \"${\n 1} /* \" }\n"
                        "  provisioner \"local-exec\" {\n    command = \"id\"\n  }\n}\n") ==
        "uses provisioner local-exec");
  // The local provider writes any file.
  CHECK(reason(bucket + "resource \"local_file\" \"f\" {\n  filename = \"/tmp/x\"\n  content = \"x\"\n}\n") ==
        "uses providers outside the allowlist: registry.terraform.io/hashicorp/local");
  // Another namespace's "aws" is not aws.
  CHECK(reason("terraform {\n  required_providers {\n    aws = { source = \"evilcorp/aws\" }\n  }\n}\n" + bucket) ==
        "uses providers outside the allowlist: registry.terraform.io/evilcorp/aws");
  CHECK(reason("terraform {\n  required_providers {\n    aws = { source = \"registry.terraform.io/hashicorp/aws\" }\n"
               "  }\n}\n" + bucket) == "");
  // Module sources outside the unit, or fetched from anywhere.
  auto module = [&](const std::string& source) {
    return reason(bucket + "module \"m\" {\n  source = \"" + source + "\"\n}\n");
  };
  CHECK_THAT(module("/etc/terraform/m"), Catch::Contains("module m: module source \"/etc/terraform/m\" is neither"));
  CHECK_THAT(module("git::https://example.com/m.git"), Catch::Contains("module m:") && Catch::Contains("\"::\""));
  CHECK_THAT(module("github.com/org/m"), Catch::Contains("is neither a relative path"));
  CHECK(module("../outside") == "module m: source \"../outside\" leaves the source tree");
  CHECK(module("terraform-aws-modules/vpc/aws") ==
        "registry module not fetched here: terraform-aws-modules/vpc/aws");
  IntakePolicy registry{true};
  CHECK(make_architecture("demo", "file:///d", "terraform",
                          {{"main.tf", bucket + "module \"m\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n"}},
                          project_catalog(), "2024-01-01T00:00:00Z", registry)
            .skip_reason.empty());
  // Duplicate keys in terraform JSON: terraform merges them, lsqm refuses.
  CHECK_THAT(build({{"main.tf.json", R"({"resource": {"aws_s3_bucket": {"b": {}}},
                                        "resource": {"null_resource": {"n": {"provisioner": {"local-exec": {"command": "id"}}}}}})"}})
                 .skip_reason,
             Catch::Contains("unreadable: main.tf.json: duplicate key \"resource\""));
  // A Terraform file that arrives base64-encoded is never scanned, so never accepted.
  CHECK_THAT(build({{"main.tf", bucket}, {"x.tf.b64", "cmVzb3VyY2U="}}).skip_reason,
             Catch::Contains("x.tf.b64: a Terraform file stored base64-encoded"));
}

TEST_CASE("crash inputs end with a reason, quickly", "[miner][intake]") {
  auto start = std::chrono::steady_clock::now();
  const std::string bucket = "resource \"aws_s3_bucket\" \"b\" {}\n";
  CHECK_THAT(build({{"main.tf", bucket + std::string(30000, ' ') + "# x\n"}}).skip_reason,
             Catch::Contains("unreadable: main.tf: line 2: a line longer than"));
  CHECK_THAT(build({{"main.tf", bucket + "module \"m\" {\n  source = \"" + std::string(60 * 1024, 'a') + "\"\n}\n"}})
                 .skip_reason,
             Catch::Contains("unreadable: main.tf: line 3: a line longer than"));
  std::string unclosed = bucket;
  while (unclosed.size() < 200 * 1024) unclosed += "module \"m\" {\n";
  CHECK_THAT(build({{"main.tf", unclosed}}).skip_reason, Catch::Contains("nested deeper than 64"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("is_known: same hash is known, same source with another hash is changed", "[miner]") {
  auto a = build({{"main.tf", queue_and_bucket}});
  nlohmann::json index = nlohmann::json::object();
  CHECK(novelty_of(index, a) == Novelty::NEW);
  CHECK_FALSE(is_known(index, a));
  index[a.hash] = index_entry_of(a);
  CHECK(novelty_of(index, a) == Novelty::KNOWN);
  CHECK(is_known(index, a));

  auto changed = build({{"main.tf", std::string(queue_and_bucket) + "resource \"aws_sns_topic\" \"t\" {}\n"}});
  CHECK(changed.hash != a.hash);
  CHECK(novelty_of(index, changed) == Novelty::CHANGED);
  CHECK_FALSE(is_known(index, changed));

  auto elsewhere = changed;
  elsewhere.source_url = "https://github.com/x/y";
  CHECK(novelty_of(index, elsewhere) == Novelty::NEW);
  CHECK(novelty_of(nlohmann::json::array(), a) == Novelty::NEW);  // malformed index: nothing known
}

TEST_CASE("an example's architecture counts the module it calls from ../../", "[miner][units]") {
  std::map<std::string, std::string> files{
      {"main.tf", "resource \"aws_sns_topic\" \"t\" {}\nresource \"aws_sns_topic_policy\" \"p\" {}\n"
                  "module \"x\" {\n  source = \"./modules/x\"\n}\n"},
      {"modules/x/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"},
      {"examples/complete/main.tf",
       "variable \"region\" {}\nvariable \"name\" {}\n"
       "module \"sns\" {\n  source = \"../../\"\n}\n"
       "module \"kms\" {\n  source  = \"terraform-aws-modules/kms/aws\"\n  version = \"~> 4.0\"\n}\n"
       "resource \"aws_iam_role\" \"r\" {}\n"},
  };
  auto a = make_architecture("complete", "file:///src/sns/examples/complete", "terraform", files,
                             project_catalog(), "2024-01-01T00:00:00Z", {}, "examples/complete");
  CHECK(a.root_dir == "examples/complete");
  CHECK(a.resource_types == strings{"aws_iam_role", "aws_sns_topic", "aws_sns_topic_policy", "aws_sqs_queue"});
  CHECK(a.resource_count == 4);
  CHECK(a.services == strings{"iam", "sns", "sqs"});
  CHECK(a.modules == strings{"terraform-aws-modules/kms/aws ~> 4.0"});
  CHECK(a.skip_reason == "registry module not fetched here: terraform-aws-modules/kms/aws");
  nlohmann::json j = a;
  CHECK(j.at("root_dir") == "examples/complete");
  CHECK(j.get<Architecture>().modules == a.modules);
}

TEST_CASE("a unit with an input nothing honest can give is skipped, naming it", "[miner][inputs]") {
  std::map<std::string, std::string> files{
      {"main.tf", "variable \"region\" {}\nvariable \"vpc_id\" {}\nvariable \"subnet_ids\" {}\n"
                  "resource \"aws_sqs_queue\" \"q\" {}\n"}};
  CHECK(build(files).skip_reason == "needs input: subnet_ids, vpc_id");
  files["terraform.tfvars"] = "vpc_id = \"vpc-1\"\nsubnet_ids = []\n";
  CHECK(build(files).skip_reason.empty());  // region is given, the rest comes from tfvars
}

TEST_CASE("a normalized template keeps its original beside the Terraform, hashed without it",
          "[miner][template]") {
  NormalizedTemplate yaml{"queue/template.yaml", "file:///src/queue/template.yaml", "sam",
                          "template.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
                          {{"main.tf.json", R"({"resource":{"aws_sqs_queue":{"Q":{}}}})"}}, ""};
  auto a = make_template_architecture(yaml, project_catalog(), "2024-01-01T00:00:00Z");
  CHECK(a.source_kind == "sam");
  CHECK(a.skip_reason.empty());
  CHECK(a.files.count("main.tf.json"));
  CHECK(a.files.at("original/template.yaml") == yaml.template_text);
  CHECK(a.resource_types == strings{"aws_sqs_queue"});
  CHECK(a.hash == content_hash({{"main.tf.json", yaml.terraform.at("main.tf.json")}}));
  // The same template written as JSON normalizes to the same Terraform: one hash.
  auto json = yaml;
  json.template_name = "template.json";
  json.template_text = R"({"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}})";
  CHECK(make_template_architecture(json, project_catalog(), "2024-01-01T00:00:00Z").hash == a.hash);
  // Another translation is another architecture.
  auto other = yaml;
  other.terraform["main.tf.json"] = R"({"resource":{"aws_sns_topic":{"T":{}}}})";
  CHECK(make_template_architecture(other, project_catalog(), "2024-01-01T00:00:00Z").hash != a.hash);
}

TEST_CASE("a refused template is stored as its original alone, with the refusal", "[miner][template]") {
  NormalizedTemplate t{"x/template.yaml", "file:///x/template.yaml", "cloudformation",
                       "template.yaml", "Resources: {}\n",
                       {{"main.tf.json", R"({"resource":{"aws_sqs_queue":{"Q":{}}}})"}},
                       "untranslated resource types: AWS::EKS::Cluster"};
  auto a = make_template_architecture(t, project_catalog(), "2024-01-01T00:00:00Z");
  CHECK(a.skip_reason == "untranslated resource types: AWS::EKS::Cluster");
  CHECK(a.files.size() == 1);
  CHECK(a.hash == content_hash({{"", "file:///x/template.yaml"},
                                {"original/template.yaml", "Resources: {}\n"}}));
  auto elsewhere = t;
  elsewhere.source_url = "file:///y/template.yaml";  // the same refused file, another unit
  CHECK(make_template_architecture(elsewhere, project_catalog(), "2024-01-01T00:00:00Z").hash != a.hash);
  // Translated whole, the Terraform is still judged like any unit's.
  t.refusal.clear();
  t.terraform = {{"main.tf.json", R"({"resource":{"aws_eks_cluster":{"C":{}}}})"}};
  auto judged = make_template_architecture(t, project_catalog(), "2024-01-01T00:00:00Z");
  CHECK_FALSE(judged.skip_reason.empty());
}
