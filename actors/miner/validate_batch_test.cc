#include <catch2/catch.hpp>

#include "actors/miner/validate_batch.h"

using namespace lsqm;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

TEST_CASE("the batch root calls each module from its own directory, inputs included",
          "[admission]") {
  auto root = batch_root_config({{"", {}}, {"examples/a", {{"region", "\"us-east-1\""}}}, {"", {}}});
  CHECK(root.main_tf ==
        "module \"m0\" {\n  source = \"./m0\"\n}\n"
        "module \"m1\" {\n  source = \"./m1/examples/a\"\n  region = \"us-east-1\"\n}\n"
        "module \"m2\" {\n  source = \"./m2\"\n}\n");
  CHECK(root.first_lines == std::vector<int>{1, 4, 8});
  CHECK(batch_module_dir(12) == "m12");
}

TEST_CASE("validate diagnostics are owned by the module whose files or call they point at",
          "[admission]") {
  auto root = batch_root_config({{"", {}}, {"", {}}, {"", {}}});
  const std::string output = R"(some log line
{"format_version":"1.0","valid":false,"error_count":4,"warning_count":1,"diagnostics":[
 {"severity":"warning","summary":"Deprecated","range":{"filename":"m0/main.tf.json","start":{"line":1}}},
 {"severity":"error","summary":"Unsupported argument","detail":"An argument named \"bogus\" is not expected here.\nMore.","range":{"filename":"m2/main.tf.json","start":{"line":1}}},
 {"severity":"error","summary":"Second error","range":{"filename":"m2/main.tf.json","start":{"line":3}}},
 {"severity":"error","summary":"Missing required argument","detail":"The argument \"x\" is required.","range":{"filename":"main.tf","start":{"line":5}}},
 {"severity":"error","summary":"Something global"}
]})";
  auto d = attribute_diagnostics(output, root);
  CHECK(d.readable);
  CHECK_FALSE(d.valid);
  REQUIRE(d.errors.size() == 2);
  CHECK(d.errors.at(2) == "Unsupported argument: An argument named \"bogus\" is not expected here.");
  CHECK(d.errors.at(1) == "Missing required argument: The argument \"x\" is required.");
  CHECK(d.unattributed == "Something global");
}

TEST_CASE("a reason names no batch module: it reads as if validated alone", "[admission]") {
  auto root = batch_root_config({{"", {}}});
  auto d = attribute_diagnostics(
      R"({"valid":false,"diagnostics":[{"severity":"error","summary":"Reference to undeclared resource",
      "detail":"A managed resource \"aws_sqs_queue\" \"Q\" has not been declared in module.m0.",
      "range":{"filename":"m0/main.tf.json"}}]})",
      root);
  CHECK(d.errors.at(0) ==
        "Reference to undeclared resource: A managed resource \"aws_sqs_queue\" \"Q\" has not been "
        "declared in the root module.");
}

TEST_CASE("output that is not validate's JSON is unreadable; a module outside the batch is nobody's",
          "[admission]") {
  auto root = batch_root_config({{"", {}}});
  CHECK_FALSE(attribute_diagnostics("Error: Failed to load plugin schemas", root).readable);
  CHECK_FALSE(attribute_diagnostics("{not json}", root).readable);
  auto d = attribute_diagnostics(
      R"({"valid":false,"diagnostics":[{"severity":"error","summary":"X","range":{"filename":"m7/a.tf"}}]})",
      root);
  CHECK(d.errors.empty());
  CHECK(d.unattributed == "X");
  CHECK(attribute_diagnostics(R"({"valid":true,"diagnostics":[]})", root).valid);
}

TEST_CASE("the first error of terraform's text output", "[admission]") {
  CHECK(first_terraform_error("Initializing...\n\n│ Error: Failed to query available provider packages\n│ \n│ more\n") ==
        "Failed to query available provider packages");
  CHECK(first_terraform_error("just a line\nlast words\n\n") == "last words");
  const auto long_one = first_terraform_error("Error: " + std::string(1000, 'x') + " got nodejs24.x");
  CHECK(long_one.size() < 320);
  CHECK_THAT(long_one, Contains(" … "));
  CHECK_THAT(long_one, EndsWith("got nodejs24.x"));
}
