// A full disk and an unwritable data dir end a command with a message naming the cause and
// what was kept (issue 7), through the real binary. Needs `mount` (root); skipped without it.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/lsqm_cli.h"

using namespace lsqm;
using namespace lsqm::testing;

namespace {

// A tmpfs mounted at `dir` for the test's lifetime.
struct TmpfsMount {
  fs::path dir;
  bool mounted = false;
  std::string why_not;
  TmpfsMount(const fs::path& d, const std::string& options) : dir(d) {
    fs::create_directories(dir);
    ProcessSpec spec;
    spec.argv = {"mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.string()};
    spec.env = scrubbed_env({});
    auto r = run_process(spec);
    mounted = r.exit_code == 0;
    why_not = r.output;
  }
  ~TmpfsMount() {
    if (!mounted) return;
    ProcessSpec spec;
    spec.argv = {"umount", dir.string()};
    spec.env = scrubbed_env({});
    run_process(spec);
  }
};

// Writes zeros into `file` until the file system says it is full.
void fill(const fs::path& file) {
  std::ofstream out(file, std::ios::binary);
  std::string block(4096, '\0');
  while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) out.flush();
}

}  // namespace

TEST_CASE("a full disk ends the run with the cause and what was kept; push publishes it later",
          "[commands][faults]") {
  TempDir dir("full-disk");
  TmpfsMount data(dir.path / "data", "size=400k");
  if (!data.mounted) {
    WARN("cannot mount a tmpfs here, skipped: " << data.why_not);
    return;
  }
  copy_examples(dir.path / "src", {"s3-bucket"});
  auto config = write_config(
      dir.path, {dir.path / "src"},
      {{"emulator_command", "/bin/sh -c exec${IFS}sleep${IFS}60 {port}"}, {"ready_timeout_s", 1}});
  auto mine = run_lsqm({"mine", "--config", config.string()}, data.dir);
  INFO(mine.output);
  REQUIRE(mine.exit_code == 0);  // committed in the working clone, not pushed

  fill(data.dir / "filler");
  auto r = run_lsqm({"run", "--config", config.string()}, data.dir);
  INFO(r.output);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("No space left on device"));
  CHECK_THAT(r.output, !Catch::Contains("request_receiver_down"));
  CHECK_THAT(r.output, !Catch::Contains("system_error("));

  // What was written before is kept, and is published once there is room again.
  fs::remove(data.dir / "filler");
  auto push = run_lsqm({"push"}, data.dir);
  INFO(push.output);
  CHECK(push.exit_code == 0);
  auto status = run_lsqm({"status"}, data.dir);
  CHECK_THAT(status.output, Catch::Contains("architectures: 1"));
}

TEST_CASE("an actor that cannot write says which and why, and what was kept",
          "[commands][faults]") {
  TempDir dir("actor-fails");
  TmpfsMount data(dir.path / "data", "size=400k");
  if (!data.mounted) {
    WARN("cannot mount a tmpfs here, skipped: " << data.why_not);
    return;
  }
  copy_examples(dir.path / "src", {"s3-bucket"});
  auto config = write_config(
      dir.path, {dir.path / "src"},
      {{"emulator_command", "/bin/sh -c exec${IFS}sleep${IFS}60 {port}"}, {"ready_timeout_s", 1}});
  REQUIRE(run_lsqm({"mine", "--config", config.string()}, data.dir).exit_code == 0);
  // Leave room for the run to start and record its verdict, not for the reporter to finish:
  // results.json cannot be written where a directory of that name stands.
  std::vector<fs::path> clones;
  for (auto& e : fs::directory_iterator(data.dir / "cache")) clones.push_back(e.path());
  REQUIRE(clones.size() == 1);
  auto report = clones[0] / "reports" / "latest" / "index.html";
  fs::remove(report);
  fs::create_directories(report / "blocker");
  auto r = run_lsqm({"run", "--config", config.string()}, data.dir);
  INFO(r.output);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("reporter: "));
  CHECK_THAT(r.output, Catch::Contains("index.html"));
  CHECK_THAT(r.output, Catch::Contains("kept: the verdicts reached so far"));
  CHECK_THAT(r.output, !Catch::Contains("system_error("));
}

TEST_CASE("an unwritable data dir is named, exit 3, nothing changed", "[commands][faults]") {
  TempDir dir("ro-data");
  TmpfsMount data(dir.path / "data", "ro,size=100k");
  if (!data.mounted) {
    WARN("cannot mount a tmpfs here, skipped: " << data.why_not);
    return;
  }
  for (auto cmd : {"run", "sync", "status"}) {
    auto r = run_lsqm({cmd}, data.dir);
    INFO(cmd << ": " << r.output);
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.output, Catch::Contains("the data dir " + data.dir.string() + " is not writable"));
    CHECK_THAT(r.output, Catch::Contains("LSQM_DATA_DIR"));
  }
}
