// The `lsqm` command line (CLI11): subcommands, global flags, per-command options.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace lsqm {

struct CliOptions {
  std::string command;  // sync, mine, generate, validate, report, push, notify, run,
                        // compare, status, clean, watch, inject

  // Global flags, accepted before or after the subcommand.
  std::optional<std::string> config_path;  // --config
  bool verbose = false;                    // --verbose / -v
  bool dry_run = false;                    // --dry-run
  std::optional<int> parallel;             // --parallel N
  std::optional<std::string> localstack_version;  // --localstack-version V

  // Per-command options.
  std::vector<std::string> sources;      // mine --source DIR (repeatable)
  std::vector<std::string> arch_hashes;  // validate --arch HASH (repeatable)
  bool json = false;                     // status --json
  std::string inject_target;             // inject PATH_OR_URL
};

// Every subcommand with its one-line description, in help order.
struct SubcommandInfo {
  std::string_view name;
  std::string_view description;
};
const std::vector<SubcommandInfo>& subcommands();

struct CliParseResult {
  std::optional<CliOptions> options;  // empty: stop now and exit with exit_code
  int exit_code = 0;                  // 0 after --help / --version, 2 on a usage error
};

// args excludes the program name. Help and version go to `out`, usage errors to `err`.
CliParseResult parse_cli(const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err);

// Prints "lsqm <command>: not implemented yet" to `err`; returns exit_code::not_implemented.
int not_implemented(std::string_view command, std::ostream& err);

}  // namespace lsqm
