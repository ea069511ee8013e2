#include "formats/hcl.h"

#include <chrono>

#include <catch2/catch.hpp>

using namespace lsqm::hcl;

TEST_CASE("blocks with quoted and bare labels, attributes and line numbers", "[hcl]") {
  auto f = parse(
      "terraform {\n"
      "  required_providers {\n"
      "    aws = { source = \"hashicorp/aws\", version = \"~> 5.0\" }\n"
      "    rnd = {\n      source = \"hashicorp/random\"\n      version = var.v\n    }\n"
      "    old = \"~> 3.0\"\n"
      "  }\n"
      "}\n"
      "provider aws { region = \"eu-west-1\" }\n"
      "resource \"aws_s3_bucket\" \"b\" {\n"
      "  bucket = \"x-${var.y}\"\n"
      "  tags   = merge(var.tags, {\n    a = 1\n  })\n"
      "}\n");
  REQUIRE(f.error.empty());
  REQUIRE(f.body.blocks.size() == 3);
  const auto& rp = f.body.blocks[0].body.blocks.at(0);
  CHECK(rp.type == "required_providers");
  CHECK(rp.line == 2);
  const auto* aws = rp.body.attribute("aws");
  REQUIRE(aws);
  CHECK(aws->is_object);
  CHECK(aws->object_strings == std::map<std::string, std::string>{{"source", "hashicorp/aws"}, {"version", "~> 5.0"}});
  const auto* rnd = rp.body.attribute("rnd");
  REQUIRE(rnd);
  CHECK(rnd->object_strings == std::map<std::string, std::string>{{"source", "hashicorp/random"}});
  CHECK(rp.body.attribute("old")->literal == std::optional<std::string>("~> 3.0"));

  const auto& provider = f.body.blocks[1];
  CHECK(provider.labels == std::vector<std::string>{"aws"});
  CHECK(provider.body.attribute("region")->literal == std::optional<std::string>("eu-west-1"));

  const auto& bucket = f.body.blocks[2];
  CHECK(bucket.labels == std::vector<std::string>{"aws_s3_bucket", "b"});
  CHECK(bucket.line == 12);
  const auto* name = bucket.body.attribute("bucket");
  CHECK_FALSE(name->literal);  // interpolation: no plain value
  CHECK(name->expression == "\"x-${var.y}\"");
  const auto* tags = bucket.body.attribute("tags");
  CHECK(tags->expression == "merge(var.tags, {\n    a = 1\n  })");
  CHECK_FALSE(tags->is_object);
  CHECK(tags->line == 14);
}

TEST_CASE("every block is found, however a string before it spans lines", "[hcl]") {
  // The attack from issue 7: the old scanner ended the string at the line break and took the
  // rest for a comment.
  auto f = parse(
      "resource \"null_resource\" \"n\" {\n"
      "  triggers = { a = \"${\n 1} /* \" }\n"
      "  provisioner \"local-exec\" {\n"
      "    command = <<-EOT\n      provisioner \"fake\" {\n    EOT\n"
      "  }\n"
      "}\n");
  REQUIRE(f.error.empty());
  std::vector<std::string> types;
  for (const auto* b : all_blocks(f.body)) types.push_back(b->type + (b->labels.empty() ? "" : ":" + b->labels[0]));
  CHECK(types == std::vector<std::string>{"resource:null_resource", "provisioner:local-exec"});
}

TEST_CASE("heredocs and comments hold no structure", "[hcl]") {
  auto f = parse(
      "# resource \"aws_eks_cluster\" \"a\" {}\n"
      "/* provisioner \"local-exec\" { } */\n"
      "resource \"aws_instance\" \"web\" {\n"
      "  user_data = <<-EOT\n    resource \"aws_eks_cluster\" \"fake\" {}\n  EOT\n"
      "}\n");
  REQUIRE(f.error.empty());
  REQUIRE(all_blocks(f.body).size() == 1);
  CHECK(f.body.blocks[0].body.attribute("user_data")->literal ==
        std::optional<std::string>("    resource \"aws_eks_cluster\" \"fake\" {}\n"));
}

TEST_CASE("what the parser cannot read is an error with its line", "[hcl]") {
  struct Case {
    std::string src, reason;
  };
  for (const auto& c : std::vector<Case>{
           {"resource \"a\" \"b\" {\n  x = 1\n", "line 1: block never closed"},
           {"a = 1\n}\n", "line 2: a '}' closes no block"},
           {"a =\n", "line 1: attribute a has no value"},
           {"a = (1\n", "unclosed bracket"},
           {"\"x\" = 1\n", "line 1: expected an attribute or a block"},
           {"resource \"${x}\" {}\n", "may not hold interpolation"},
           {"block x y\n", "expected '{'"},
           {"a {} b = 1\n", "expected a line break"},
       }) {
    INFO(c.src);
    CHECK_THAT(parse(c.src).error, Catch::Contains(c.reason));
  }
}

TEST_CASE("the parser is bounded and linear on hostile input", "[hcl]") {
  auto start = std::chrono::steady_clock::now();
  std::string unclosed;
  while (unclosed.size() < 200 * 1024) unclosed += "module \"m\" {\n";
  CHECK_THAT(parse(unclosed).error, Catch::Contains("nested deeper than 64"));
  std::string source = "module \"m\" {\n  source = \"" + std::string(60 * 1024, 'a') + "\"\n}\n";
  CHECK_THAT(parse(source).error, Catch::Contains("line 2: a line longer than"));
  std::string many;
  while (many.size() < 900 * 1024) many += "resource \"aws_s3_bucket\" \"b\" { bucket = \"x\" }\n";
  auto f = parse(many);
  CHECK(f.error.empty());
  CHECK(f.body.blocks.size() > 10000);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}
