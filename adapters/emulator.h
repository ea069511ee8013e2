// An AWS emulator started as a child process on a given port (default: moto_server).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lsqm {

class ChildProcess;

struct EmulatorSpec {
  std::string command = "moto_server -p {port}";  // {port} is replaced
  std::string ready_path = "/moto-api/data.json";  // ready when GET answers 200
  std::filesystem::path log_dir;                   // emulator-{port}.log goes here
  std::filesystem::path record_dir;                // pid files of running emulators (for `clean`)
};

// Splits a command template on spaces and fills in the port.
std::vector<std::string> emulator_argv(const std::string& command_template, int port);

class EmulatorProcess {
 public:
  // Starts the emulator; throws std::runtime_error when it cannot be started.
  static std::unique_ptr<EmulatorProcess> start(const EmulatorSpec& spec, int port);
  ~EmulatorProcess();

  bool ready() const;  // one quick readiness probe
  bool running() const;
  std::string logs() const;
  void stop();
  int port() const { return port_; }

 private:
  EmulatorProcess() = default;
  std::unique_ptr<ChildProcess> child_;
  std::string ready_url_;
  std::filesystem::path log_file_;
  std::filesystem::path record_file_;
  int port_ = 0;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int find_free_port();

// Records a child we started (an emulator, a slot's provider) in `record_dir`, so that
// `lsqm clean` can stop it after a crash; returns the record's path (empty: no record_dir).
std::filesystem::path record_child(const std::filesystem::path& record_dir, int pid, int port,
                                   const std::vector<std::string>& argv);

// Stops every process recorded in `record_dir` (emulators, slots' providers) that still runs
// the recorded command; returns what it stopped (one line each) and removes the records.
// Never touches a process it did not record, nor one whose pid now runs something else.
std::vector<std::string> stop_recorded_emulators(const std::filesystem::path& record_dir,
                                                 bool dry_run);

}  // namespace lsqm
