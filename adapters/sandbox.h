// The sandbox untrusted code runs in (terraform with its providers and provisioners, pytest,
// the emulator): bubblewrap with its own PID and IPC namespaces, `/` read-only, a fresh /proc,
// /dev and /tmp, lsqm's own places hidden, only the given directories writable.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "adapters/process.h"

namespace lsqm {

struct Sandbox {
  std::vector<std::filesystem::path> hidden;    // covered by an empty tmpfs (data dir, HOME, …)
  std::vector<std::filesystem::path> readable;  // shown read-only again, even inside a hidden one
  std::vector<std::filesystem::path> writable;  // bound read-write (a temp dir), on top of all
};

// The bwrap arguments (without bwrap itself, ending with "--") that build `box`. Mounts are
// ordered so that hiding never covers a readable or writable directory, whatever nests in what.
// "/" and ancestors of the system's own directories are never hidden.
std::vector<std::string> bwrap_args(const Sandbox& box);

// `spec` rewritten to run inside `box`: argv[0] resolved outside, then bwrap in front of it.
// Without bwrap on the PATH of spec.env the result does not start at all (never unconfined).
// The executable stays visible: the top directory holding it inside a hidden one is shown
// read-only (e.g. ~/.pyenv for a pyenv shim when HOME is hidden).
ProcessSpec sandboxed(const ProcessSpec& spec, const Sandbox& box);

struct SandboxSupport {
  bool available = false;
  std::string reason;  // why not, when not available
};

// Whether a sandbox can be made here: runs `bwrap … true` once (with a timeout) and caches it.
const SandboxSupport& sandbox_support();

// The same check, uncached, with a given bwrap (for tests).
SandboxSupport probe_sandbox(const std::string& bwrap);

// lsqm's own places untrusted code must not see: the data dir, HOME, the runner's workspace
// (GITHUB_WORKSPACE when set) and the working directory.
Sandbox untrusted_code_sandbox(const std::filesystem::path& data_dir);

}  // namespace lsqm
