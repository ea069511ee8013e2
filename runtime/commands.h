// The `lsqm` subcommands: one table (name, description, handler, whether it writes) drives
// the command line, the data-dir lock and --dry-run. A command that only reads is handed a
// read-only repository (ArtifactRepoReader): commit and push are not reachable from it.
#pragma once

#include <string_view>
#include <vector>

#include "runtime/cli.h"
#include "runtime/config.h"

namespace lsqm {

struct CommandInfo {
  std::string_view name;
  std::string_view description;
  bool writes;  // may commit, push or remove files; false: reads only
};

// Every subcommand, in help order.
std::vector<CommandInfo> command_list();

// Runs one parsed `lsqm` subcommand; returns the process exit code (runtime/exit_codes.h).
int run_command(const CliOptions& options, const Config& config);

}  // namespace lsqm
