// Git repositories on disk for the command tests (needs Catch2: failures are REQUIREd).
#pragma once

#include <catch2/catch.hpp>

#include "tests/lsqm_cli.h"

namespace lsqm::testing {

inline void git(const std::vector<std::string>& args, const fs::path& cwd = {}) {
  auto r = run_git(args, cwd);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
}

// An empty bare repository `dir`/remote.git on branch main.
inline fs::path bare_repo(const fs::path& dir) {
  auto bare = dir / "remote.git";
  git({"init", "-q", "--bare", "-b", "main", bare.string()});
  return bare;
}

// The one working clone under data/cache (cache/sources holds git sources' clones).
inline fs::path working_clone(const fs::path& data) {
  std::vector<fs::path> clones;
  for (auto& e : fs::directory_iterator(data / "cache"))
    if (e.path().filename() != "sources") clones.push_back(e.path());
  REQUIRE(clones.size() == 1);
  return clones[0];
}

// A source holding the s3-bucket example and a config whose emulator never gets ready: a run
// of it records one ERROR verdict without terraform.
inline fs::path never_ready_config(const fs::path& dir) {
  copy_examples(dir / "src", {"s3-bucket"});
  return write_config(
      dir, {dir / "src"},
      {{"emulator_command", "/bin/sh -c exec${IFS}sleep${IFS}60 {port}"}, {"ready_timeout_s", 1}});
}

}  // namespace lsqm::testing
