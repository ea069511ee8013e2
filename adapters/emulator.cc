#include "adapters/emulator.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "adapters/atomic_file.h"
#include "adapters/http.h"
#include "adapters/process.h"

namespace lsqm {
namespace fs = std::filesystem;

std::vector<std::string> emulator_argv(const std::string& command_template, int port) {
  std::vector<std::string> argv;
  std::istringstream in(command_template);
  for (std::string word; in >> word;) {
    for (auto at = word.find("{port}"); at != std::string::npos; at = word.find("{port}"))
      word.replace(at, 6, std::to_string(port));
    argv.push_back(word);
  }
  return argv;
}

std::unique_ptr<EmulatorProcess> EmulatorProcess::start(const EmulatorSpec& spec, int port) {
  auto argv = emulator_argv(spec.command, port);
  if (argv.empty()) throw std::runtime_error("emulator command is empty");
  std::unique_ptr<EmulatorProcess> e(new EmulatorProcess);
  e->port_ = port;
  e->ready_url_ = "http://127.0.0.1:" + std::to_string(port) + spec.ready_path;
  fs::create_directories(spec.log_dir);
  e->log_file_ = spec.log_dir / ("emulator-" + std::to_string(port) + ".log");
  fs::remove(e->log_file_);
  ProcessSpec p;
  p.argv = argv;
  p.env = scrubbed_env({});
  e->child_ = ChildProcess::start(p, e->log_file_);
  e->record_file_ = record_child(spec.record_dir, e->child_->pid(), port, argv);
  return e;
}

fs::path record_child(const fs::path& record_dir, int pid, int port,
                      const std::vector<std::string>& argv) {
  if (record_dir.empty()) return {};
  fs::create_directories(record_dir);
  auto file = record_dir / (std::to_string(pid) + ".json");
  nlohmann::json rec = {{"pid", pid}, {"port", port}, {"argv", argv}};
  write_file_atomic(file, rec.dump());
  return file;
}

EmulatorProcess::~EmulatorProcess() { stop(); }

bool EmulatorProcess::ready() const {
  return http_get(ready_url_, std::chrono::milliseconds(1000)).status == 200;
}

bool EmulatorProcess::running() const { return child_ && child_->running(); }

std::string EmulatorProcess::logs() const { return child_ ? child_->output() : ""; }

void EmulatorProcess::stop() {
  if (child_) child_->stop();
  if (!record_file_.empty()) {
    std::error_code ec;
    fs::remove(record_file_, ec);
  }
}

int find_free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed while looking for a free port");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free TCP port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
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

}  // namespace

std::vector<std::string> stop_recorded_emulators(const fs::path& record_dir, bool dry_run) {
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
    std::string program = argv.empty() ? "emulator" : fs::path(argv.front()).filename().string();
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
