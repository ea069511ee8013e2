#include "adapters/recorded_child.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "adapters/sandbox.h"
#include "tests/test_support.h"

using namespace lsqm;
namespace fs = std::filesystem;

namespace {

// `sleep` recorded in `records` under `port`, sandboxed or not.
std::unique_ptr<RecordedChild> recorded_sleep(const fs::path& dir, const fs::path& records,
                                              int port, bool in_sandbox) {
  ProcessSpec spec;
  spec.argv = {"sleep", "61"};
  spec.env = scrubbed_env({});
  return std::make_unique<RecordedChild>(in_sandbox ? sandboxed(spec, {}) : spec,
                                         dir / "logs" / "sleep.log", records, port);
}

}  // namespace

TEST_CASE("clean stops what lsqm recorded and nothing else", "[recorded_child]") {
  testing::TempDir dir("records");
  auto records = dir.path / "records";
  auto ours = recorded_sleep(dir.path, records, 4566, false);
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
  auto ours = recorded_sleep(dir.path, records, 4568, true);
  auto would = stop_recorded_children(records, true);
  CHECK(would == std::vector<std::string>{"would stop sleep (pid " + std::to_string(ours->pid()) +
                                          ", port 4568)"});
  CHECK(stop_recorded_children(records, false).size() == 1);
  for (int i = 0; i < 50 && ours->running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(ours->running());
}
