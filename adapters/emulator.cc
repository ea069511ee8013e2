#include "adapters/emulator.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>
#include <stdexcept>

#include "adapters/http.h"
#include "adapters/recorded_child.h"

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
  ProcessSpec p;
  p.argv = argv;
  // AWS accounts have the AWS managed policies (arn:aws:iam::aws:policy/…); moto answers
  // for them only when told to load them, and an architecture attaching one would otherwise
  // fail on the harness's setting, not on the emulator (LocalStack ignores the variable).
  p.env = scrubbed_env({{"MOTO_IAM_LOAD_MANAGED_POLICIES", "true"}});
  // Its state lives in memory: the sandbox's private /tmp is all it may write.
  if (spec.sandbox) p = sandboxed(p, *spec.sandbox);
  e->child_ = std::make_unique<RecordedChild>(
      p, spec.log_dir / ("emulator-" + std::to_string(port) + ".log"), spec.record_dir, port);
  return e;
}

EmulatorProcess::~EmulatorProcess() { stop(); }

bool EmulatorProcess::ready() const {
  return http_get(ready_url_, std::chrono::milliseconds(1000)).status == 200;
}

bool EmulatorProcess::running() const { return child_ && child_->running(); }

std::string EmulatorProcess::logs() const { return child_ ? child_->output() : ""; }

void EmulatorProcess::stop() {
  if (child_) child_->stop();
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

}  // namespace lsqm
