#include "adapters/recorded_child.h"

#include <signal.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "adapters/atomic_file.h"

namespace lsqm {
namespace fs = std::filesystem;

RecordedChild::RecordedChild(const ProcessSpec& spec, const fs::path& log_file,
                             const fs::path& record_dir, int port) {
  fs::create_directories(log_file.parent_path());
  fs::remove(log_file);
  child_ = ChildProcess::start(spec, log_file);
  if (!record_dir.empty()) record_file_ = record_child(record_dir, child_->pid(), port, spec.argv);
}

RecordedChild::~RecordedChild() { stop(); }

bool RecordedChild::running() const { return child_->running(); }

std::string RecordedChild::output() const { return child_->output(); }

int RecordedChild::pid() const { return child_->pid(); }

void RecordedChild::stop() {
  child_->stop();
  std::error_code ec;
  if (!record_file_.empty()) fs::remove(record_file_, ec);
}

fs::path record_child(const fs::path& record_dir, int pid, int port,
                      const std::vector<std::string>& argv) {
  fs::create_directories(record_dir);
  auto file = record_dir / (std::to_string(pid) + ".json");
  nlohmann::json rec = {{"pid", pid}, {"port", port}, {"argv", argv}};
  write_file_atomic(file, rec.dump());
  return file;
}

namespace {

// The process's argv as recorded in /proc, to make sure a pid was not reused by another.
std::vector<std::string> proc_argv(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::vector<std::string> argv;
  for (std::string arg; std::getline(in, arg, '\0');) argv.push_back(arg);
  return argv;
}

bool argv_matches(const std::vector<std::string>& recorded, const std::vector<std::string>& live) {
  // Interpreted emulators (moto_server is a Python script) run as `python script args…`:
  // the recorded arguments after argv[0] must end the live command line.
  if (live.empty() || recorded.empty() || live.size() < recorded.size()) return false;
  return std::equal(recorded.begin() + 1, recorded.end(),
                    live.end() - static_cast<long>(recorded.size() - 1));
}

// The command itself: for a sandboxed child (bwrap … -- COMMAND …) the one after "--".
std::string sandboxed_command(const std::vector<std::string>& argv) {
  auto separator = std::find(argv.begin(), argv.end(), "--");
  if (!argv.empty() && fs::path(argv.front()).filename() == "bwrap" && separator != argv.end() &&
      separator + 1 != argv.end())
    return *(separator + 1);
  return argv.empty() ? "emulator" : argv.front();
}

}  // namespace

std::vector<std::string> stop_recorded_children(const fs::path& record_dir, bool dry_run) {
  std::vector<std::string> stopped;
  if (!fs::is_directory(record_dir)) return stopped;
  for (auto& entry : fs::directory_iterator(record_dir)) {
    if (entry.path().extension() != ".json") continue;
    nlohmann::json rec;
    try {
      rec = nlohmann::json::parse(read_file(entry.path()));
    } catch (const std::exception&) {
      continue;  // not ours to interpret; leave it
    }
    int pid = rec.value("pid", 0);
    auto argv = rec.value("argv", std::vector<std::string>{});
    bool alive = pid > 0 && argv_matches(argv, proc_argv(pid));
    std::string program = fs::path(sandboxed_command(argv)).filename().string();
    std::string line = program + " (pid " + std::to_string(pid) + ", port " +
                       std::to_string(rec.value("port", 0)) + ")";
    if (alive) {
      stopped.push_back((dry_run ? "would stop " : "stopped ") + line);
      if (!dry_run) {
        ::kill(-pid, SIGTERM);  // its own process group
        ::kill(pid, SIGTERM);
      }
    }
    if (!dry_run) fs::remove(entry.path());
  }
  return stopped;
}

}  // namespace lsqm
