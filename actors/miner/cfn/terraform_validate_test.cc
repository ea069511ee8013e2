// The translations of the fixture templates, as files on disk, pass `terraform validate` with
// the aws provider from the local mirror, offline. Grouped: each validation costs seconds.
#include <fstream>

#include <catch2/catch.hpp>

#include "actors/miner/cfn/cfn_test_support.h"
#include "actors/miner/cfn/fixtures_test.h"
#include "adapters/local_source.h"
#include "adapters/process.h"
#include "adapters/terraform_mirror.h"
#include "tests/test_support.h"

using namespace lsqm;
using namespace lsqm::cfn::testing;
namespace fs = std::filesystem;

namespace {

// terraform's first error for `files` written into a fresh directory ("" when valid).
std::string terraform_validate(const std::map<std::string, std::string>& files, const fs::path& mirror) {
  lsqm::testing::TempDir dir("cfn-validate");
  for (const auto& [stored, content] : files) {
    const auto [path, bytes] = stored_file_on_disk(stored, content);
    fs::create_directories((dir.path / path).parent_path());
    std::ofstream(dir.path / path, std::ios::binary) << bytes;
  }
  const std::map<std::string, std::string> env = {{"PATH", std::getenv("PATH")},
                                                  {"HOME", dir.path.string()},
                                                  {"TF_IN_AUTOMATION", "1"}};
  const auto init = run_process({{"terraform", "init", "-backend=false", "-input=false", "-plugin-dir=" + mirror.string()},
                                 env, dir.path, std::chrono::seconds(120)});
  if (init.exit_code != 0) return "init: " + init.output;
  const auto validate = run_process({{"terraform", "validate", "-json"}, env, dir.path, std::chrono::seconds(120)});
  const auto result = nlohmann::json::parse(validate.output.substr(validate.output.find('{')), nullptr, false);
  if (result.is_discarded()) return "unreadable: " + validate.output;
  if (result.value("valid", false)) return "";
  for (const auto& d : result["diagnostics"])
    if (d.value("severity", "") == "error")
      return d.value("summary", "") + ": " + d.value("detail", "") + " (" + d.value("address", "") + ")";
  return "invalid";
}

}  // namespace

TEST_CASE("the fixture templates' Terraform passes terraform validate", "[cfn][terraform]") {
  const auto mirror = find_provider_mirror({"/opt"});
  REQUIRE(mirror);
  const std::map<std::string, std::string> app_files = {
      {"app/src/worker.js", "exports.handler = async () => ({});\n"}, {"layer/nodejs/shared.js", "module.exports = {};\n"}};
  for (const char* fixture : {kServerlessApp, kManagementStack, kNetworkStack}) {
    const auto r = cloudformation_to_terraform(read_yaml_document(fixture), app_files, "");
    REQUIRE(r.skip_reason.empty());
    CHECK(terraform_validate(r.files, *mirror) == "");
  }
}
