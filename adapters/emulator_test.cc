#include "adapters/emulator.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "adapters/process.h"
#include "tests/test_support.h"

using namespace lsqm;
namespace fs = std::filesystem;

TEST_CASE("emulator_argv splits the command and fills in the port", "[emulator]") {
  CHECK(emulator_argv("moto_server -H 127.0.0.1 -p {port}", 4566) ==
        std::vector<std::string>{"moto_server", "-H", "127.0.0.1", "-p", "4566"});
  CHECK(emulator_argv("run --bind=:{port}/{port}", 7) ==
        std::vector<std::string>{"run", "--bind=:7/7"});
  CHECK(emulator_argv("   ", 1).empty());
}

TEST_CASE("clean stops what lsqm recorded and nothing else", "[emulator]") {
  testing::TempDir dir("records");
  auto records = dir.path / "records";
  ProcessSpec spec;
  spec.argv = {"sleep", "61"};
  spec.env = scrubbed_env({});
  auto ours = ChildProcess::start(spec, dir.path / "sleep.log");
  record_child(records, ours->pid(), 4566, {"sleep", "61"});
  // A record whose pid now runs something else (the test itself): never signalled.
  record_child(records, ::getpid(), 4567, {"moto_server", "-p", "4567"});
  std::ofstream(records / "broken.json") << "{not json";

  auto would = stop_recorded_emulators(records, true);
  CHECK(would == std::vector<std::string>{"would stop sleep (pid " + std::to_string(ours->pid()) +
                                          ", port 4566)"});
  CHECK(ours->running());
  CHECK(fs::exists(records / (std::to_string(ours->pid()) + ".json")));  // a dry run keeps all

  auto stopped = stop_recorded_emulators(records, false);
  CHECK(stopped.size() == 1);
  for (int i = 0; i < 50 && ours->running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(ours->running());
  CHECK_FALSE(fs::exists(records / (std::to_string(ours->pid()) + ".json")));
  CHECK_FALSE(fs::exists(records / (std::to_string(::getpid()) + ".json")));  // stale: gone
  CHECK(fs::exists(records / "broken.json"));  // not ours to interpret: left as it is
}
