// Ctrl-C and SIGTERM: stop every child process group we started (terraform, emulators,
// pytest), remove this process's scratch directory, and exit 130 / 143. What was written
// before stays: every file is written atomically, and the next run commits it.
#pragma once

#include <filesystem>

namespace lsqm {

// Call once, early in main. Installs the handlers and a watcher thread.
void install_interrupt_handler();

// The directory removed on interrupt (this process's scratch space).
void set_interrupt_cleanup(const std::filesystem::path& dir);

}  // namespace lsqm
