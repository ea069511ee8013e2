// Long-running children that would outlive a crashed lsqm: emulators and the slots' providers.
// Each writes to a log file and leaves a record (pid, port, argv) in a record directory while
// it runs, so `lsqm clean` can stop what a dead lsqm left behind, and nothing else.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "adapters/process.h"

namespace lsqm {

class RecordedChild {
 public:
  // Starts `spec` (in its own process group) with its output in a fresh `log_file`, and records
  // it in `record_dir` (no record when empty). Throws std::runtime_error when it cannot start.
  RecordedChild(const ProcessSpec& spec, const std::filesystem::path& log_file,
                const std::filesystem::path& record_dir, int port);
  ~RecordedChild();
  RecordedChild(const RecordedChild&) = delete;
  RecordedChild& operator=(const RecordedChild&) = delete;

  bool running() const;
  std::string output() const;  // the log so far
  int pid() const;
  void stop();  // stops its process group and removes its record; idempotent

 private:
  std::unique_ptr<ChildProcess> child_;
  std::filesystem::path record_file_;
};

// Writes the record of a child (pid, port, argv) into `record_dir`; returns its path.
std::filesystem::path record_child(const std::filesystem::path& record_dir, int pid, int port,
                                   const std::vector<std::string>& argv);

// Stops every process recorded in `record_dir` that still runs the recorded command; returns
// what it stopped (one line each) and removes the records. Never touches a process it did not
// record, nor one whose pid now runs something else; leaves unreadable records as they are.
std::vector<std::string> stop_recorded_children(const std::filesystem::path& record_dir,
                                                bool dry_run);

}  // namespace lsqm
