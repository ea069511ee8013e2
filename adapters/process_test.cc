#include "adapters/process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using lsqm::ProcessSpec;
using lsqm::testing::process_alive;
using lsqm::testing::TempDir;

namespace {


bool dies_within(int pid, std::chrono::milliseconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (process_alive(pid)) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

int read_pid(const fs::path& file, std::chrono::milliseconds limit = 5000ms) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    std::ifstream in(file);
    int pid = 0;
    if (in >> pid && pid > 0) return pid;
    std::this_thread::sleep_for(20ms);
  }
  return 0;
}

ProcessSpec sh(const std::string& script, std::chrono::milliseconds timeout = 10000ms) {
  ProcessSpec spec;
  spec.argv = {"sh", "-c", script};
  spec.env = lsqm::scrubbed_env({});
  spec.timeout = timeout;
  return spec;
}

}  // namespace

TEST_CASE("run_process reports exit codes and captures stdout and stderr", "[process]") {
  auto ok = lsqm::run_process(sh("echo to-out; echo to-err >&2"));
  CHECK(ok.exit_code == 0);
  CHECK_FALSE(ok.timed_out);
  CHECK_FALSE(ok.start_failed);
  CHECK(ok.output.find("to-out") != std::string::npos);
  CHECK(ok.output.find("to-err") != std::string::npos);

  auto three = lsqm::run_process(sh("exit 3"));
  CHECK(three.exit_code == 3);
  CHECK_FALSE(three.timed_out);

  auto killed = lsqm::run_process(sh("kill -9 $$"));
  CHECK(killed.exit_code == 128 + 9);
}

TEST_CASE("run_process runs in the given directory", "[process]") {
  TempDir dir;
  auto spec = sh("pwd");
  spec.cwd = dir.path;
  auto r = lsqm::run_process(spec);
  CHECK(r.output.find(fs::canonical(dir.path).string()) != std::string::npos);
}

TEST_CASE("run_process on timeout kills the whole process group", "[process]") {
  TempDir dir;
  auto pidfile = dir.path / "grandchild.pid";
  auto start = std::chrono::steady_clock::now();
  auto r = lsqm::run_process(
      sh("sleep 100 & echo $! > " + pidfile.string() + "; sleep 100", 700ms));
  CHECK(r.timed_out);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  int grandchild = read_pid(pidfile);
  REQUIRE(grandchild > 0);
  CHECK(dies_within(grandchild, 2000ms));
}

TEST_CASE("run_process returns soon after the child exits and kills its leftovers",
          "[process]") {
  TempDir dir;
  auto pidfile = dir.path / "leftover.pid";
  auto start = std::chrono::steady_clock::now();
  auto r = lsqm::run_process(sh("sleep 100 & echo $! > " + pidfile.string() + "; echo done"));
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("done") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < 6s);
  int leftover = read_pid(pidfile);
  REQUIRE(leftover > 0);
  CHECK(dies_within(leftover, 2000ms));
}

TEST_CASE("run_process reports a missing executable as start_failed", "[process]") {
  ProcessSpec spec;
  spec.argv = {"lsqm-no-such-program-xyz"};
  spec.env = lsqm::scrubbed_env({});
  auto r = lsqm::run_process(spec);
  CHECK(r.start_failed);
  CHECK(r.output.find("lsqm-no-such-program-xyz") != std::string::npos);

  spec.argv = {"/nonexistent/dir/prog"};
  CHECK(lsqm::run_process(spec).start_failed);
}

TEST_CASE("run_process gives the child exactly the given environment", "[process]") {
  ::setenv("LSQM_TEST_PARENT_SECRET", "s3cr3t", 1);
  ProcessSpec spec;
  spec.argv = {"env"};
  spec.env = lsqm::scrubbed_env({{"FOO", "bar"}});
  auto r = lsqm::run_process(spec);
  ::unsetenv("LSQM_TEST_PARENT_SECRET");
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("s3cr3t") == std::string::npos);
  CHECK(r.output.find("FOO=bar\n") != std::string::npos);
  std::istringstream lines(r.output);
  int count = 0;
  for (std::string line; std::getline(lines, line);) ++count;
  CHECK(count == 2);  // FOO and PATH, nothing else
}

TEST_CASE("scrubbed_env holds the parent's PATH and the extras only", "[process]") {
  auto env = lsqm::scrubbed_env({{"HOME", "/tmp/x"}});
  CHECK(env.size() == 2);
  CHECK(env.at("HOME") == "/tmp/x");
  CHECK(env.count("PATH") == 1);
}

TEST_CASE("ChildProcess logs output and stop kills its process group", "[process]") {
  TempDir dir;
  auto pidfile = dir.path / "grandchild.pid";
  auto log = dir.path / "child.log";
  auto child = lsqm::ChildProcess::start(
      sh("echo hello-log; sleep 100 & echo $! > " + pidfile.string() + "; sleep 100"), log);
  REQUIRE(child);
  CHECK(child->pid() > 0);
  int grandchild = read_pid(pidfile);
  REQUIRE(grandchild > 0);
  CHECK(child->running());
  CHECK(child->output().find("hello-log") != std::string::npos);
  child->stop(500ms);
  CHECK_FALSE(child->running());
  CHECK_FALSE(process_alive(child->pid()));
  CHECK(dies_within(grandchild, 2000ms));
  child->stop();  // idempotent
}

TEST_CASE("ChildProcess start throws for a missing executable", "[process]") {
  TempDir dir;
  ProcessSpec spec;
  spec.argv = {"lsqm-no-such-program-xyz"};
  spec.env = lsqm::scrubbed_env({});
  CHECK_THROWS_AS(lsqm::ChildProcess::start(spec, dir.path / "x.log"), std::runtime_error);
}

TEST_CASE("children inherit no descriptor beyond stdio", "[process]") {
  lsqm::testing::TempDir dir;
  const auto victim = dir.path / "lsqm.log";
  std::ofstream(victim) << "";
  // Like spdlog's log file: opened without O_CLOEXEC.
  const int fd = ::open(victim.c_str(), O_WRONLY | O_APPEND);
  REQUIRE(fd > 2);
  const std::string write_all = "for fd in $(seq 3 40); do echo PWNED >&$fd; done 2>/dev/null; ls /proc/self/fd";
  lsqm::ProcessSpec spec;
  spec.argv = {"/bin/bash", "-c", write_all};
  spec.env = lsqm::scrubbed_env({});
  auto r = lsqm::run_process(spec);
  auto child = lsqm::ChildProcess::start(spec, dir.path / "child.log");
  for (int i = 0; i < 100 && child->running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  child->stop();
  ::close(fd);
  INFO(r.output);
  std::ifstream in(victim);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(content.empty());
}
