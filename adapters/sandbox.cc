#include "adapters/sandbox.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>

namespace lsqm {
namespace fs = std::filesystem;

namespace {

// The real location of an existing path; empty when it does not exist.
fs::path existing(const fs::path& p) {
  std::error_code ec;
  if (p.empty()) return {};
  fs::path real = fs::canonical(p, ec);
  return ec ? fs::path{} : real;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return o == outer.end();
}

// Hiding one of these (or "/") would leave nothing to run.
bool must_stay_visible(const fs::path& p) {
  static const char* system_dirs[] = {"/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64",
                                      "/proc", "/dev", "/sys"};
  for (const char* dir : system_dirs)
    if (is_within(dir, p)) return true;
  return false;
}

// Existing, real, unique paths, parents before children (a later mount goes on top).
std::vector<fs::path> mount_order(const std::vector<fs::path>& paths) {
  std::vector<fs::path> out;
  for (const auto& p : paths)
    if (auto real = existing(p); !real.empty()) out.push_back(real);
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
    auto depth = [](const fs::path& p) { return std::distance(p.begin(), p.end()); };
    return depth(a) != depth(b) ? depth(a) < depth(b) : a < b;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void add_mounts(std::vector<std::string>& args, const char* option,
                const std::vector<fs::path>& paths) {
  for (const auto& p : mount_order(paths)) {
    if (std::string(option) == "--tmpfs") {
      if (must_stay_visible(p)) continue;
      args.insert(args.end(), {option, p.string()});
    } else {
      args.insert(args.end(), {option, p.string(), p.string()});
    }
  }
}

// The top directory holding `file` inside `hidden`, e.g. /root/.pyenv for
// /root/.pyenv/shims/moto_server when /root is hidden; empty when `file` is not inside.
fs::path top_dir_within(const fs::path& file, const fs::path& hidden) {
  if (hidden.empty() || !is_within(file, hidden) || file == hidden) return {};
  auto rel = file.lexically_relative(hidden);
  return hidden / *rel.begin();
}

}  // namespace

std::vector<std::string> bwrap_args(const Sandbox& box) {
  std::vector<std::string> args{"--unshare-pid", "--unshare-ipc", "--die-with-parent",
                                "--ro-bind",     "/",             "/",
                                "--proc",        "/proc",         "--dev",
                                "/dev",          "--tmpfs",       "/tmp"};
  add_mounts(args, "--tmpfs", box.hidden);
  add_mounts(args, "--ro-bind", box.readable);
  add_mounts(args, "--bind", box.writable);
  args.push_back("--");
  return args;
}

ProcessSpec sandboxed(const ProcessSpec& spec, const Sandbox& box) {
  const fs::path exe = resolve_executable(spec.argv.empty() ? "" : spec.argv[0], spec.env);
  if (exe.empty()) return spec;  // run_process reports what is missing
  // Fails closed: without bwrap the command does not start (run_process says bwrap is missing).
  fs::path bwrap = resolve_executable("bwrap", spec.env);
  if (bwrap.empty()) bwrap = "bwrap";
  Sandbox with_exe = box;
  for (const auto& hidden : box.hidden) {
    const fs::path real_hidden = existing(hidden);
    for (const fs::path& file : {fs::absolute(exe), existing(exe)})
      if (auto top = top_dir_within(file, real_hidden); !top.empty())
        with_exe.readable.push_back(top);
  }
  ProcessSpec out = spec;
  out.argv = {bwrap.string()};
  for (auto& a : bwrap_args(with_exe)) out.argv.push_back(std::move(a));
  out.argv.push_back(exe.string());
  out.argv.insert(out.argv.end(), spec.argv.begin() + 1, spec.argv.end());
  return out;
}

SandboxSupport probe_sandbox(const std::string& bwrap) {
  ProcessSpec spec;
  spec.argv = {bwrap};
  for (auto& a : bwrap_args({})) spec.argv.push_back(std::move(a));
  spec.argv.push_back("true");
  spec.env = scrubbed_env({});
  spec.timeout = std::chrono::seconds(10);
  const ProcessResult r = run_process(spec);
  if (r.start_failed)
    return {false, "bubblewrap cannot be started (" + r.output + ")"};
  if (r.timed_out) return {false, "bwrap did not finish a trivial command within 10 s"};
  if (r.exit_code != 0) {
    std::string why = r.output.substr(0, r.output.find('\n'));
    return {false, "bwrap cannot create a sandbox here (user namespaces refused?): " + why};
  }
  return {true, ""};
}

const SandboxSupport& sandbox_support() {
  static std::once_flag once;
  static SandboxSupport support;
  std::call_once(once, [] { support = probe_sandbox("bwrap"); });
  return support;
}

Sandbox untrusted_code_sandbox(const fs::path& data_dir) {
  Sandbox box;
  box.hidden.push_back(data_dir);
  if (const char* home = std::getenv("HOME")) box.hidden.emplace_back(home);
  if (const char* workspace = std::getenv("GITHUB_WORKSPACE")) box.hidden.emplace_back(workspace);
  std::error_code ec;
  box.hidden.push_back(fs::current_path(ec));
  return box;
}

}  // namespace lsqm
