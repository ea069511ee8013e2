// Hostile units through the built binary: `lsqm mine` refuses them with a reason and keeps
// mining the others (issue 7's intake attacks).
#include <catch2/catch.hpp>

#include "tests/lsqm_cli.h"

using namespace lsqm;
using namespace lsqm::testing;

namespace {

const char* kBucket = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n";

bool logged(const CliRun& r, const std::string& part) {
  for (const auto& line : r.log_lines())
    if (line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).find(part) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("mine skips hostile units with a reason and mines the rest", "[intake][commands]") {
  TempDir dir("intake");
  auto src = dir.path / "src";
  copy_examples(src, {"s3-bucket"});
  write_text(src / "bad\xff-name" / "main.tf", kBucket);
  write_text(src / "nul-byte" / "main.tf", std::string(kBucket) + std::string("\0", 1) + "\n");
  write_text(src / "hidden-provisioner" / "main.tf",
             std::string(kBucket) +
                 "resource \"null_resource\" \"n\" {\n  triggers = { a = \"${\n 1} /* \" }\n"
                 "  provisioner \"local-exec\" {\n    command = \"id\"\n  }\n}\n");
  write_text(src / "long-line" / "main.tf", std::string(kBucket) + std::string(30000, ' ') + "# x\n");

  auto start = std::chrono::steady_clock::now();
  auto r = run_lsqm({"mine", "--source", src.string()}, dir.path / "data", {}, std::chrono::seconds(120));
  INFO(r.output);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(120));
  REQUIRE(r.exit_code == 0);
  // s3-bucket, hidden-provisioner and long-line are recorded (the last two as skipped); the
  // other two cannot be read at all.
  CHECK_THAT(r.output, Catch::Contains("mine: 3 new, 0 known, 2 skipped, 2 unreadable"));
  CHECK(logged(r, "directory name is not UTF-8"));
  CHECK(logged(r, "bad\\\\xFF-name"));
  CHECK(logged(r, "main.tf: a Terraform file that is not UTF-8 text"));
  CHECK(logged(r, "hidden-provisioner: uses provisioner local-exec"));
  CHECK(logged(r, "long-line: unreadable: main.tf: line 4: a line longer than"));
}
