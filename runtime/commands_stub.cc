// Placeholder until the real runtime/commands.cc replaces this file: every command reports
// that it is not implemented yet.
#include <iostream>

#include "runtime/commands.h"

namespace lsqm {

int run_command(const CliOptions& options, const Config& config) {
  return not_implemented(options.command, std::cerr);
}

}  // namespace lsqm
