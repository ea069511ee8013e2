// Runs one parsed `lsqm` subcommand; returns the process exit code (runtime/exit_codes.h).
#pragma once

#include "runtime/cli.h"
#include "runtime/config.h"

namespace lsqm {

int run_command(const CliOptions& options, const Config& config);

}  // namespace lsqm
