#include "adapters/recorded_child.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "adapters/sandbox.h"
#include "tests/test_support.h"

using namespace lsqm;
namespace fs = std::filesystem;

TEST_CASE("clean stops what lsqm recorded and nothing else", "[recorded_child]") {
  testing::TempDir dir("records");
  auto records = dir.path / "records";
  ProcessSpec spec;
  spec.argv = {"sleep", "61"};
  spec.env = scrubbed_env({});
  auto ours = std::make_unique<RecordedChild>(spec, dir.path / "logs" / "sleep.log", records, 4566);
  // A record whose pid now runs something else (the test itself): never signalled.
  record_child(records, ::getpid(), 4567, {"moto_server", "-p", "4567"});
  std::ofstream(records / "broken.json") << "{not json";

  auto would = stop_recorded_children(records, true);
  CHECK(would == std::vector<std::string>{"would stop sleep (pid " + std::to_string(ours->pid()) +
                                          ", port 4566)"});
  CHECK(ours->running());
  CHECK(fs::exists(records / (std::to_string(ours->pid()) + ".json")));  // a dry run keeps all

  auto stopped = stop_recorded_children(records, false);
  CHECK(stopped.size() == 1);
  for (int i = 0; i < 50 && ours->running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(ours->running());
  CHECK_FALSE(fs::exists(records / (std::to_string(ours->pid()) + ".json")));
  CHECK_FALSE(fs::exists(records / (std::to_string(::getpid()) + ".json")));  // stale: gone
  CHECK(fs::exists(records / "broken.json"));  // not ours to interpret: left as it is
}

TEST_CASE("clean names and stops a sandboxed child by its command", "[recorded_child]") {
  testing::TempDir dir("records");
  auto records = dir.path / "records";
  ProcessSpec spec;
  spec.argv = {"sleep", "62"};
  spec.env = scrubbed_env({});
  auto ours = std::make_unique<RecordedChild>(sandboxed(spec, {}), dir.path / "sleep.log",
                                              records, 4568);
  auto would = stop_recorded_children(records, true);
  CHECK(would == std::vector<std::string>{"would stop sleep (pid " + std::to_string(ours->pid()) +
                                          ", port 4568)"});
  CHECK(stop_recorded_children(records, false).size() == 1);
  for (int i = 0; i < 50 && ours->running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(ours->running());
}
