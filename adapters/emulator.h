// An AWS emulator started as a child process on a given port (default: moto_server).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/sandbox.h"

namespace lsqm {

class RecordedChild;

struct EmulatorSpec {
  std::string command = "moto_server -p {port}";  // {port} is replaced
  std::string ready_path = "/moto-api/data.json";  // ready when GET answers 200
  std::filesystem::path log_dir;                   // emulator-{port}.log goes here
  std::filesystem::path record_dir;                // pid files of running emulators (for `clean`)
  std::optional<Sandbox> sandbox;                  // nullopt: unconfined
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
  std::unique_ptr<RecordedChild> child_;
  std::string ready_url_;
  int port_ = 0;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int find_free_port();

}  // namespace lsqm
