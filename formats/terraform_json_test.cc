#include "formats/terraform_json.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("terraform JSON reads into the HCL structure", "[hcl]") {
  auto f = parse_terraform_json(R"({
    "//": "a comment",
    "terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 5.0"}},
                  "backend": {"s3": {"bucket": "b"}}},
    "provider": {"aws": [{"region": "us-east-1"}, {"alias": "w", "region": "us-west-2"}]},
    "resource": {"null_resource": {"n": {"provisioner": [{"local-exec": {"command": "x"}}]}},
                 "aws_s3_bucket": {"a": {"bucket": "${var.x}"}}},
    "module": {"m": {"source": "./m"}}
  })");
  REQUIRE(f.error.empty());
  std::vector<std::string> seen;
  for (const auto* b : hcl::all_blocks(f.body)) {
    std::string labels;
    for (const auto& l : b->labels) labels += ":" + l;
    seen.push_back(b->type + labels);
  }
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{"backend:s3", "module:m", "provider:aws", "provider:aws",
                                         "provisioner:local-exec", "required_providers",
                                         "resource:aws_s3_bucket:a", "resource:null_resource:n",
                                         "terraform"});
  for (const auto& b : f.body.blocks) {
    if (b.type == "resource" && b.labels[0] == "aws_s3_bucket")
      CHECK_FALSE(b.body.attribute("bucket")->literal);  // a template: no plain value
    if (b.type == "module") CHECK(b.body.attribute("source")->literal == std::optional<std::string>("./m"));
    if (b.type == "terraform") {
      auto rp = std::find_if(b.body.blocks.begin(), b.body.blocks.end(),
                             [](const auto& inner) { return inner.type == "required_providers"; });
      REQUIRE(rp != b.body.blocks.end());
      const auto* aws = rp->body.attribute("aws");
      REQUIRE(aws);
      CHECK(aws->object_strings.at("source") == "hashicorp/aws");
    }
  }
}

TEST_CASE("a key given twice is refused: terraform would merge both", "[hcl]") {
  auto f = parse_terraform_json(R"({
    "resource": {"null_resource": {"n": {}}},
    "resource": {"null_resource": {"m": {"provisioner": {"local-exec": {"command": "id"}}}}}
  })");
  CHECK_THAT(f.error, Catch::Contains("duplicate key \"resource\""));
  auto nested = parse_terraform_json(R"({"resource": {"a": {"b": {"x": 1, "x": 2}}}})");
  CHECK_THAT(nested.error, Catch::Contains("duplicate key \"x\""));
  CHECK(parse_terraform_json(R"({"resource": [{"a": {"b": {}}}, {"a": {"c": {}}}]})").error.empty());
}

TEST_CASE("terraform JSON: malformed, too deep, too large, unknown keys", "[hcl]") {
  CHECK_THAT(parse_terraform_json("{not json").error, Catch::Contains("not valid JSON"));
  CHECK_THAT(parse_terraform_json("[1]").error, Catch::Contains("not a Terraform JSON object"));
  CHECK_THAT(parse_terraform_json(R"({"provisioner": {}})").error, Catch::Contains("unsupported top-level key"));
  std::string deep = R"({"locals": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK_THAT(parse_terraform_json(deep).error, Catch::Contains("nested deeper than"));
  hcl::Limits small;
  small.max_file_bytes = 10;
  CHECK_THAT(parse_terraform_json(R"({"locals": {"a": 1}})", small).error, Catch::Contains("larger than"));
}
