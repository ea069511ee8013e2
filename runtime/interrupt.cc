#include "runtime/interrupt.h"

#include <csignal>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "adapters/event_log.h"
#include "adapters/process.h"

namespace lsqm {
namespace {

std::atomic<int> pending_signal{0};
std::mutex cleanup_mutex;
std::filesystem::path cleanup_dir;

// Async-signal-safe: only records the signal; the watcher thread does the work.
extern "C" void on_signal(int sig) { pending_signal.store(sig); }

[[noreturn]] void shut_down(int sig) {
  int groups = kill_all_process_groups();
  log_event(spdlog::level::warn, "main", "interrupted",
            {{"signal", sig}, {"killed_process_groups", groups}});
  {
    std::lock_guard<std::mutex> lock(cleanup_mutex);
    std::error_code ec;
    if (!cleanup_dir.empty()) std::filesystem::remove_all(cleanup_dir, ec);
  }
  spdlog::default_logger()->flush();
  std::_Exit(128 + sig);
}

}  // namespace

void install_interrupt_handler() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  // Handlers reset to the default at exec, so children are unaffected.
  std::thread([] {
    while (pending_signal.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    shut_down(pending_signal.load());
  }).detach();
}

void set_interrupt_cleanup(const std::filesystem::path& dir) {
  std::lock_guard<std::mutex> lock(cleanup_mutex);
  cleanup_dir = dir;
}

}  // namespace lsqm
