#include "adapters/process.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>

#include "adapters/capped_read.h"

namespace lsqm {

namespace bp = boost::process;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string parent_path_var() {
  const char* p = std::getenv("PATH");
  return p ? p : "/usr/local/bin:/usr/bin:/bin";
}

bp::environment to_bp_env(const std::map<std::string, std::string>& env) {
  bp::environment e;  // starts empty: nothing of the parent's environment is inherited
  for (auto& [k, v] : env) e[k] = v;
  return e;
}

std::vector<std::string> tail_args(const std::vector<std::string>& argv) {
  return argv.size() > 1 ? std::vector<std::string>(argv.begin() + 1, argv.end())
                         : std::vector<std::string>{};
}

int decode_status(int native) {
  if (WIFEXITED(native)) return WEXITSTATUS(native);
  if (WIFSIGNALED(native)) return 128 + WTERMSIG(native);
  return native;
}

void append_capped(std::string& out, const char* data, std::size_t n) {
  if (out.size() >= kMaxProcessOutput) return;
  out.append(data, std::min(n, kMaxProcessOutput - out.size()));
  if (out.size() >= kMaxProcessOutput) out += "\n[output truncated]\n";
}

// In the forked child, before exec: no descriptor of ours beyond stdio survives the exec (a log
// file, a socket, the data-dir lock). Close-on-exec rather than close: Boost.Process still
// reports exec failures through a pipe of its own.
void close_inherited_descriptors() {
  if (::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  const long max_fd = std::min(::sysconf(_SC_OPEN_MAX), 65536L);
  for (int fd = 3; fd < max_fd; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
}

auto no_inherited_descriptors() {
  return bp::extend::on_exec_setup([](auto&) { close_inherited_descriptors(); });
}

fs::path cwd_of(const ProcessSpec& spec) {
  return spec.cwd.empty() ? fs::current_path() : spec.cwd;
}

}  // namespace

fs::path resolve_executable(const std::string& argv0,
                            const std::map<std::string, std::string>& env) {
  if (argv0.empty()) return {};
  if (argv0.find('/') != std::string::npos) return argv0;
  auto it = env.find("PATH");
  std::stringstream dirs(it != env.end() ? it->second : parent_path_var());
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / argv0;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return {};
}

std::map<std::string, std::string> scrubbed_env(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> env{{"PATH", parent_path_var()}};
  for (auto& [k, v] : extra) env[k] = v;
  return env;
}

namespace {

// Every live process group we started, so an interrupted lsqm can take them all down.
std::mutex live_groups_mutex;
std::set<pid_t> live_groups;

struct GroupRegistration {
  pid_t pgid = 0;
  explicit GroupRegistration(pid_t g) : pgid(g) {
    if (pgid <= 0) return;
    std::lock_guard<std::mutex> lock(live_groups_mutex);
    live_groups.insert(pgid);
  }
  ~GroupRegistration() {
    if (pgid <= 0) return;
    std::lock_guard<std::mutex> lock(live_groups_mutex);
    live_groups.erase(pgid);
  }
  GroupRegistration(const GroupRegistration&) = delete;
  GroupRegistration& operator=(const GroupRegistration&) = delete;
};

}  // namespace

int kill_all_process_groups() {
  std::lock_guard<std::mutex> lock(live_groups_mutex);
  for (auto pgid : live_groups) ::kill(-pgid, SIGKILL);
  return static_cast<int>(live_groups.size());
}

ProcessResult run_process(const ProcessSpec& spec) {
  ProcessResult r;
  const auto t0 = Clock::now();
  auto finish = [&] {
    r.duration_s = std::chrono::duration<double>(Clock::now() - t0).count();
    return r;
  };
  const fs::path exe = resolve_executable(spec.argv.empty() ? "" : spec.argv[0], spec.env);
  if (exe.empty()) {
    r.start_failed = true;
    r.output = "cannot start: executable not found: " + (spec.argv.empty() ? "" : spec.argv[0]);
    return finish();
  }

  // Declared before the io_context so pending handlers never outlive what they reference.
  std::array<char, 16384> buf{};
  std::function<void()> read_more;
  bool exited = false;
  boost::asio::io_context ios;
  bp::async_pipe pipe(ios);
  bp::group group;
  std::error_code ec;
  bp::child child(exe.string(), bp::args(tail_args(spec.argv)), to_bp_env(spec.env),
                  bp::start_dir(cwd_of(spec).string()), bp::std_in < bp::null,
                  (bp::std_out & bp::std_err) > pipe, group, ios,
                  bp::on_exit([&](int, const std::error_code&) { exited = true; }),
                  no_inherited_descriptors(), ec);
  if (ec) {
    r.start_failed = true;
    r.output = "cannot start " + exe.string() + ": " + ec.message();
    return finish();
  }
  GroupRegistration registration(group.native_handle());
  read_more = [&] {
    pipe.async_read_some(boost::asio::buffer(buf), [&](const boost::system::error_code& e,
                                                       std::size_t n) {
      append_capped(r.output, buf.data(), n);
      if (!e) read_more();
    });
  };
  read_more();

  // Run until the pipe closes and the child is gone, the deadline passes, or the child exited
  // a while ago but something it started still holds the pipe.
  const auto deadline = t0 + spec.timeout;
  std::optional<Clock::time_point> drain_until;
  while (!ios.stopped()) {
    auto limit = drain_until ? std::min(*drain_until, deadline) : deadline;
    if (ios.run_one_until(limit) == 0 && Clock::now() >= limit) break;
    if (exited && !drain_until) drain_until = Clock::now() + std::chrono::seconds(2);
  }
  if (!exited) r.timed_out = true;
  std::error_code ignore;
  group.terminate(ignore);  // the whole group: on timeout, or leftovers after a normal exit
  if (!exited) child.wait(ignore);
  boost::system::error_code bec;
  pipe.close(bec);
  ios.restart();
  ios.poll();
  r.exit_code = decode_status(child.native_exit_code());
  return finish();
}

// ---------------------------------------------------------------------------------------------

struct ChildProcess::Impl {
  bp::group group;
  bp::child child;
  fs::path log_file;
  bool stopped = false;
  std::unique_ptr<GroupRegistration> registration;
};

ChildProcess::ChildProcess(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ChildProcess::~ChildProcess() { stop(); }

std::unique_ptr<ChildProcess> ChildProcess::start(const ProcessSpec& spec,
                                                  const fs::path& log_file) {
  const fs::path exe = resolve_executable(spec.argv.empty() ? "" : spec.argv[0], spec.env);
  if (exe.empty())
    throw std::runtime_error("cannot start: executable not found: " +
                             (spec.argv.empty() ? "" : spec.argv[0]));
  FILE* log = std::fopen(log_file.c_str(), "a");
  if (!log) throw std::runtime_error("cannot open log file " + log_file.string());
  auto impl = std::make_unique<Impl>();
  impl->log_file = log_file;
  std::error_code ec;
  impl->child = bp::child(exe.string(), bp::args(tail_args(spec.argv)), to_bp_env(spec.env),
                          bp::start_dir(cwd_of(spec).string()), bp::std_in < bp::null,
                          (bp::std_out & bp::std_err) > log, impl->group,
                          no_inherited_descriptors(), ec);
  std::fclose(log);  // the child holds its own descriptor
  if (ec) throw std::runtime_error("cannot start " + exe.string() + ": " + ec.message());
  impl->registration = std::make_unique<GroupRegistration>(impl->group.native_handle());
  return std::unique_ptr<ChildProcess>(new ChildProcess(std::move(impl)));
}

bool ChildProcess::running() {
  if (impl_->stopped) return false;
  std::error_code ec;
  return impl_->child.running(ec);
}

int ChildProcess::pid() const { return impl_->child.id(); }

void ChildProcess::stop(std::chrono::milliseconds grace) {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  std::error_code ec;
  const pid_t pgid = impl_->group.native_handle();
  if (pgid > 0) ::kill(-pgid, SIGTERM);
  const auto until = Clock::now() + grace;
  while (impl_->child.running(ec) && Clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  impl_->group.terminate(ec);  // SIGKILL whatever is left of the group
  impl_->child.wait(ec);
  impl_->registration.reset();
}

std::string ChildProcess::output() const {
  return read_file_head_tail(impl_->log_file, kMaxProcessOutput);
}

}  // namespace lsqm
