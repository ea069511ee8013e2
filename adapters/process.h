// Child processes with a complete, given environment, a timeout, and their own process group,
// so that killing a step also kills what it started (terraform's provider plugins).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lsqm {

struct ProcessSpec {
  std::vector<std::string> argv;          // argv[0] resolved through PATH of `env` (or the parent's PATH) when not absolute
  std::map<std::string, std::string> env;  // the COMPLETE environment of the child (nothing inherited)
  std::filesystem::path cwd;               // empty = inherit
  std::chrono::milliseconds timeout{300000};
};

struct ProcessResult {
  int exit_code = -1;         // 128 + signal when killed by a signal
  bool timed_out = false;     // killed on timeout (the whole process group)
  bool start_failed = false;  // could not be started (e.g. not found); `output` says why
  std::string output;         // stdout + stderr interleaved, capped at kMaxProcessOutput
  double duration_s = 0;
};

inline constexpr std::size_t kMaxProcessOutput = 4 * 1024 * 1024;

// Blocking; never throws for child failures. Once the child exits, leftovers of its process
// group get a short grace to flush output and are then killed.
ProcessResult run_process(const ProcessSpec&);

// A long-running background child in its own process group, output appended to a log file.
class ChildProcess {
 public:
  // Throws std::runtime_error when the child cannot be started. spec.timeout is ignored.
  static std::unique_ptr<ChildProcess> start(const ProcessSpec& spec,
                                             const std::filesystem::path& log_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool running();
  int pid() const;
  // SIGTERM the group, then SIGKILL after `grace`; reaps; idempotent; also in the destructor.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));
  std::string output() const;  // the log file so far (head and tail past kMaxProcessOutput)

 private:
  struct Impl;
  explicit ChildProcess(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// SIGKILLs the process group of every child still running (for an interrupted lsqm);
// returns how many groups it signalled. Safe to call from any thread.
int kill_all_process_groups();

// PATH from the parent + extra; nothing else.
std::map<std::string, std::string> scrubbed_env(const std::map<std::string, std::string>& extra);

// argv0 when it holds a '/', else the first executable `argv0` in the PATH of `env` (or the
// parent's PATH); empty when none.
std::filesystem::path resolve_executable(const std::string& argv0,
                                         const std::map<std::string, std::string>& env);

}  // namespace lsqm
