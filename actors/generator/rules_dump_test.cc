// Not a test: a hidden tool for tests/tools/verify_example.sh. Builds a minimal Architecture from
// the Terraform directory LSQM_DUMP_ARCH_DIR and writes generate_rule_app's files into
// LSQM_DUMP_OUT_DIR (stand-in for the miner, which is written elsewhere).
//   LSQM_DUMP_ARCH_DIR=dir LSQM_DUMP_OUT_DIR=out ./lsqm_tests "[rules-dump]"
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "actors/generator/rules.h"
#include "adapters/python_check.h"

using namespace lsqm;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Architecture architecture_from_dir(const fs::path& dir) {
  static const std::regex type(R"re(resource\s+"(aws_[a-z0-9_]+)")re");
  Architecture arch;
  arch.name = dir.filename().string();
  std::set<std::string> types;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tf") continue;
    auto content = read_file(entry.path());
    arch.files[fs::relative(entry.path(), dir).string()] = content;
    for (std::sregex_iterator it(content.begin(), content.end(), type), end; it != end; ++it)
      types.insert((*it)[1].str());
  }
  arch.resource_types.assign(types.begin(), types.end());
  return arch;
}

}  // namespace

TEST_CASE("dump the rule-based app of a Terraform directory", "[.][rules-dump]") {
  const char* arch_dir = std::getenv("LSQM_DUMP_ARCH_DIR");
  const char* out_dir = std::getenv("LSQM_DUMP_OUT_DIR");
  REQUIRE(arch_dir != nullptr);
  REQUIRE(out_dir != nullptr);
  auto app = generate_rule_app(architecture_from_dir(arch_dir), "us-east-1");
  REQUIRE(python_syntax_error("/usr/bin/python3", app) == std::nullopt);
  fs::create_directories(out_dir);
  for (const auto& [name, content] : app) std::ofstream(fs::path(out_dir) / name, std::ios::binary) << content;
}
