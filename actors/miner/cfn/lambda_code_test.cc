#include "actors/miner/cfn/lambda_code.h"

#include <catch2/catch.hpp>

#include "formats/base64.h"
#include "formats/zip_archive.h"

using namespace lsqm::cfn;
using nlohmann::json;

TEST_CASE("local code paths resolve inside the unit only", "[cfn]") {
  CHECK(resolve_unit_path("stacks/app", "./src") == std::optional<std::string>("stacks/app/src"));
  CHECK(resolve_unit_path("stacks/app", "../shared/x") == std::optional<std::string>("stacks/shared/x"));
  CHECK(resolve_unit_path("", ".") == std::optional<std::string>(""));
  CHECK(resolve_unit_path("a", "../../etc") == std::nullopt);
  CHECK(resolve_unit_path("a", "/etc/passwd") == std::nullopt);
}

TEST_CASE("a code directory is packaged as it stands when the handler's file exists", "[cfn]") {
  const std::map<std::string, std::string> files = {
      {"stack/template.yaml", "…"},
      {"stack/fn/app.py", "def handler(e, c): pass\n"},
      {"stack/fn/vendor/lib.so.b64", lsqm::base64_encode(std::string("\x7f" "ELF\x00", 5))},
      {"stack/other/x.py", "x = 1\n"}};
  const auto p = package_lambda_code("./fn", "python3.12", "app.handler", files, "stack", "Fn");
  REQUIRE(p.reason.empty());
  const auto entries = lsqm::read_zip(p.zip);
  CHECK(entries.size() == 2);
  CHECK(entries.at("vendor/lib.so") == std::string("\x7f" "ELF\x00", 5));  // stored base64, zipped as bytes
  CHECK(package_lambda_code("fn", "python3.12", "app.handler", files, "stack", "Fn").zip == p.zip);  // deterministic
}

TEST_CASE("code that cannot be packaged honestly is a reason", "[cfn]") {
  const std::map<std::string, std::string> ts = {{"src/index.ts", "export const handler = async () => 1;\n"}};
  CHECK(package_lambda_code("src", "nodejs20.x", "index.handler", ts, "", "Fn").reason ==
        "needs build: Fn (TypeScript index.ts)");
  CHECK(package_lambda_code("src", "java21", "a.B::handle", ts, "", "Fn").reason == "needs build: Fn (java21)");
  CHECK(package_lambda_code("src", "python3.12", "app.handler", ts, "", "Fn").reason ==
        "needs build: Fn (no app.py for handler app.handler)");
  CHECK(package_lambda_code("missing", "python3.12", "app.handler", ts, "", "Fn").reason ==
        "needs build: Fn (no code at missing)");
  CHECK(package_lambda_code(json{{"S3Bucket", "b"}, {"S3Key", "k"}}, "python3.12", "a.b", ts, "", "Fn").reason ==
        "needs code from S3: Fn");
  CHECK(package_lambda_code(json{{"ImageUri", "x"}}, "", "", ts, "", "Fn").reason == "needs build: Fn (container image)");
  CHECK(package_lambda_code(json{{"ZipFile", {{"Fn::Sub", "x"}}}}, "python3.12", "index.handler", ts, "", "Fn").reason ==
        "untranslated: Code.ZipFile built by intrinsics (Fn)");
  CHECK(package_lambda_code(json{{"ZipFile", "x"}}, "ruby3.3", "index.handler", ts, "", "Fn").reason ==
        "needs build: Fn (inline code for ruby3.3)");
  CHECK(package_lambda_code("../up", "python3.12", "app.handler", ts, "", "Fn").reason ==
        "needs build: Fn (code path ../up leaves the unit)");
}

TEST_CASE("a ready zip in the unit is used as it is", "[cfn]") {
  const std::string zip = lsqm::deterministic_zip({{"bootstrap", "#!/bin/sh\n"}});
  const std::map<std::string, std::string> files = {{"dist/fn.zip.b64", lsqm::base64_encode(zip)}};
  const auto p = package_lambda_code("dist/fn.zip", "provided.al2023", "bootstrap", files, "", "Fn");
  REQUIRE(p.reason.empty());
  CHECK(p.zip == zip);
}
