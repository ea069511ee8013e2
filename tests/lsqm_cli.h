// Runs the built `lsqm` binary as a user would, in a sandbox of its own (data dir, HOME).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/process.h"
#include "tests/test_support.h"

namespace lsqm::testing {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout + stderr
  // Every JSON log line of the run.
  std::vector<nlohmann::json> log_lines() const {
    std::vector<nlohmann::json> out;
    std::size_t start = 0;
    while (start < output.size()) {
      auto end = output.find('\n', start);
      if (end == std::string::npos) end = output.size();
      auto line = output.substr(start, end - start);
      if (!line.empty() && line.front() == '{') {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded()) out.push_back(std::move(j));
      }
      start = end + 1;
    }
    return out;
  }
};

// `env` comes on top of PATH, HOME and LSQM_DATA_DIR=data_dir; nothing else is inherited.
inline CliRun run_lsqm(const std::vector<std::string>& args, const fs::path& data_dir,
                       std::map<std::string, std::string> env = {},
                       std::chrono::seconds timeout = std::chrono::seconds(900)) {
  ProcessSpec spec;
  spec.argv = {LSQM_BINARY};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  if (const char* home = std::getenv("HOME")) env.emplace("HOME", home);
  env["LSQM_DATA_DIR"] = data_dir.string();
  spec.env = scrubbed_env(env);
  spec.timeout = timeout;
  auto r = run_process(spec);
  return {r.timed_out ? -1 : r.exit_code, r.output};
}

inline void write_text(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Copies bundled examples into `dir`, one subdirectory each.
inline void copy_examples(const fs::path& dir, const std::vector<std::string>& names) {
  fs::create_directories(dir);
  for (auto& n : names)
    fs::copy(fs::path(LSQM_SOURCE_DIR) / "examples" / "architectures" / n, dir / n,
             fs::copy_options::recursive);
}

// A config file naming `sources` and any extra settings.
inline fs::path write_config(const fs::path& dir, const std::vector<fs::path>& sources,
                             nlohmann::json extra = nlohmann::json::object()) {
  extra["sources"] = nlohmann::json::array();
  for (auto& s : sources) extra["sources"].push_back(s.string());
  auto p = dir / "lsqm.json";
  write_text(p, extra.dump(2));
  return p;
}

// The git command line with a throwaway identity and nothing of the parent's env but PATH.
inline ProcessResult run_git(const std::vector<std::string>& args, const fs::path& cwd = {}) {
  ProcessSpec spec;
  spec.argv = {"git", "-c", "user.name=t", "-c", "user.email=t@localhost"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = scrubbed_env({});
  spec.cwd = cwd;
  return run_process(spec);
}

// What git sees in a bare repository: every ref and the tree of each (for before/after checks).
inline std::string git_snapshot(const fs::path& bare) {
  auto refs = run_git({"--git-dir=" + bare.string(), "for-each-ref",
                       "--format=%(refname) %(objectname) %(tree)"})
                  .output;
  std::string listing;
  for (auto& e : fs::recursive_directory_iterator(bare))
    if (e.is_regular_file()) listing += e.path().string() + " " + std::to_string(e.file_size()) + "\n";
  return refs + listing;
}

}  // namespace lsqm::testing
