// A full disk, an unwritable data dir, or an actor's exception end a command with a message
// naming the cause and what was kept (issue 7), through the real binary. The tmpfs cases need
// `mount` (root) and are skipped without it.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/cli_repos.h"

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

// The config of a run whose one architecture ends ERROR (its emulator never gets ready), its
// architecture mined (committed, not pushed) into the data dir.
fs::path mined_run_config(const fs::path& dir, const fs::path& data) {
  auto config = never_ready_config(dir);
  auto mine = run_lsqm({"mine", "--config", config.string()}, data);
  INFO(mine.output);
  REQUIRE(mine.exit_code == 0);
  return config;
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
  auto config = mined_run_config(dir.path, data.dir);

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
  auto data = dir.path / "data";
  auto config = mined_run_config(dir.path, data);
  // The run starts and records its verdict, but the reporter cannot write the dashboard
  // where a directory of that name stands: its handler throws.
  auto report = working_clone(data) / "reports" / "latest" / "index.html";
  fs::remove(report);
  fs::create_directories(report / "blocker");
  auto r = run_lsqm({"run", "--config", config.string()}, data);
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
