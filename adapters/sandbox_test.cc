#include "adapters/sandbox.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using lsqm::testing::TempDir;
using Catch::Matchers::Contains;

namespace {

std::size_t index_of(const std::vector<std::string>& v, const std::string& s) {
  return static_cast<std::size_t>(std::find(v.begin(), v.end(), s) - v.begin());
}

lsqm::ProcessResult run_in(const lsqm::Sandbox& box, const std::string& script) {
  lsqm::ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  spec.env = lsqm::scrubbed_env({});
  spec.timeout = std::chrono::seconds(20);
  return lsqm::run_process(lsqm::sandboxed(spec, box));
}

}  // namespace

TEST_CASE("bwrap_args hide first, then show, then bind writable; never hide /", "[sandbox]") {
  TempDir data;
  fs::create_directories(data.path / "work" / "job");
  lsqm::Sandbox box;
  box.writable = {data.path / "work" / "job"};
  box.hidden = {data.path, "/", "/usr", data.path / "missing"};
  auto args = lsqm::bwrap_args(box);
  const auto hide = index_of(args, data.path.string());
  const auto bind = index_of(args, (data.path / "work" / "job").string());
  REQUIRE(hide < args.size());
  REQUIRE(bind < args.size());
  CHECK(args[hide - 1] == "--tmpfs");
  CHECK(args[bind - 1] == "--bind");
  CHECK(hide < bind);  // the temp dir lives under the hidden data dir: bound on top of it
  CHECK(std::count(args.begin(), args.end(), "/usr") == 0);
  CHECK(std::count(args.begin(), args.end(), (data.path / "missing").string()) == 0);
  CHECK(args.back() == "--");
  for (const char* ns : {"--unshare-pid", "--unshare-ipc", "--die-with-parent"})
    CHECK(index_of(args, ns) < args.size());
}

TEST_CASE("probe_sandbox names the reason when bwrap is missing", "[sandbox]") {
  auto s = lsqm::probe_sandbox("/nonexistent/bwrap");
  CHECK_FALSE(s.available);
  CHECK_THAT(s.reason, Contains("bwrap"));
}

TEST_CASE("without bwrap a sandboxed command does not run at all", "[sandbox]") {
  TempDir empty;
  lsqm::ProcessSpec spec;
  spec.argv = {"/bin/true"};
  spec.env = {{"PATH", empty.path.string()}};  // no bwrap on it
  auto r = lsqm::run_process(lsqm::sandboxed(spec, {}));
  CHECK(r.start_failed);
  CHECK_THAT(r.output, Contains("bwrap"));
}

TEST_CASE("in the sandbox: hidden dirs are empty, only the temp dir is writable, lsqm's "
          "processes are invisible",
          "[sandbox]") {
  REQUIRE(lsqm::sandbox_support().available);  // bubblewrap is part of the toolchain
  TempDir data("data"), outside("outside");
  const fs::path job = data.path / "work" / "job";
  fs::create_directories(job);
  std::ofstream(data.path / "secret.txt") << "DATA-DIR-CANARY";
  lsqm::Sandbox box;
  box.hidden = {data.path};
  box.writable = {job};
  const std::string me = std::to_string(::getpid());
  auto r = run_in(box, "cat " + (data.path / "secret.txt").string() + "; echo in-job > " +
                           (job / "ok").string() + "; echo x > " +
                           (outside.path / "pwned").string() + "; cat /proc/" + me +
                           "/environ; echo pid=$$ ppid=$PPID");
  INFO(r.output);
  CHECK(r.output.find("DATA-DIR-CANARY") == std::string::npos);
  CHECK(fs::exists(job / "ok"));
  CHECK_FALSE(fs::exists(outside.path / "pwned"));
  CHECK_THAT(r.output, Contains("pid=2 ppid=1"));  // its own PID namespace
}

TEST_CASE("untrusted code is kept from the data dir, HOME, the workspace and the working dir",
          "[sandbox]") {
  TempDir workspace("workspace");
  ::setenv("GITHUB_WORKSPACE", workspace.path.c_str(), 1);
  auto box = lsqm::untrusted_code_sandbox("/data/dir");
  ::unsetenv("GITHUB_WORKSPACE");
  auto hidden = [&](const fs::path& p) {
    return std::find(box.hidden.begin(), box.hidden.end(), p) != box.hidden.end();
  };
  CHECK(hidden("/data/dir"));
  CHECK(hidden(workspace.path));
  CHECK(hidden(fs::current_path()));
  if (const char* home = std::getenv("HOME")) CHECK(hidden(home));
  CHECK(box.writable.empty());
}
