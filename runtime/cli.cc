#include "runtime/cli.h"

#include <algorithm>

#include <CLI/CLI.hpp>

#include "runtime/commands.h"
#include "runtime/exit_codes.h"

namespace lsqm {

// The command table (runtime/commands.cc) is the one list of subcommands.
const std::vector<SubcommandInfo>& subcommands() {
  static const std::vector<SubcommandInfo> all = [] {
    std::vector<SubcommandInfo> out;
    for (const auto& c : command_list()) out.push_back({c.name, c.description});
    return out;
  }();
  return all;
}

namespace {

constexpr const char* kFooter =
    "Exit codes: 0 ok, 1 regressions detected, 2 usage or configuration error, "
    "3 run failure, 4 not implemented yet.";

constexpr const char* kSubcommandFooter =
    "Global options (before or after the subcommand): --config PATH, -v/--verbose, --dry-run, "
    "--parallel N, --localstack-version V. See lsqm --help.";

void add_global_flags(CLI::App& app, CliOptions& o, int& parallel) {
  app.add_option("--config", o.config_path, "JSON config file (overrides the defaults)")
      ->type_name("PATH");
  app.add_flag("-v,--verbose", o.verbose, "Debug-level logging");
  app.add_flag("--dry-run", o.dry_run, "Show what would be done; change nothing");
  app.add_option("--parallel", parallel, "Emulators running at once (LSQM_PARALLEL)")
      ->type_name("N");
  app.add_option("--localstack-version", o.localstack_version,
                 "LocalStack image tag (LOCALSTACK_VERSION)")
      ->type_name("V");
}

void add_command_options(CLI::App& sub, CliOptions& o) {
  if (sub.get_name() == "mine")
    sub.add_option("--source", o.sources, "Mine this directory or git URL (repeatable)")
        ->type_name("DIR");
  if (sub.get_name() == "validate")
    sub.add_option("--arch", o.arch_hashes, "Validate only this architecture (repeatable)")
        ->type_name("HASH");
  if (sub.get_name() == "status") sub.add_flag("--json", o.json, "Print JSON");
  if (sub.get_name() == "inject")
    sub.add_option("target", o.inject_target, "Terraform directory, template file, or URL")
        ->type_name("PATH_OR_URL")
        ->required();
}

}  // namespace

CliParseResult parse_cli(const std::vector<std::string>& args, std::ostream& out,
                         std::ostream& err) {
  CliOptions o;
  int parallel = 0;
  CLI::App app("lsqm - LocalStack Quality Monitor: mines AWS Terraform architectures, tests "
               "each in an AWS emulator, and reports compatibility",
               "lsqm");
  app.set_version_flag("--version", std::string("lsqm ") + LSQM_VERSION);
  app.footer(kFooter);
  app.require_subcommand(1);
  add_global_flags(app, o, parallel);
  for (const auto& info : subcommands()) {
    CLI::App* sub = app.add_subcommand(std::string(info.name), std::string(info.description));
    sub->fallthrough();  // global flags also after the subcommand
    sub->footer(kSubcommandFooter);
    add_command_options(*sub, o);
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 wants them reversed
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (app.get_subcommands().empty() && app.remaining_size() > 0) {
      // CLI11 would only say "A subcommand is required": name what was typed instead.
      err << "lsqm: unknown subcommand '" << app.remaining().front()
          << "'\nRun with --help for the list of subcommands.\n";
      return {std::nullopt, exit_code::usage};
    }
    int code = app.exit(e, out, err);
    return {std::nullopt, code == 0 ? exit_code::ok : exit_code::usage};
  }
  o.command = app.get_subcommands().front()->get_name();
  if (app.count("--parallel") > 0) o.parallel = parallel;
  return {std::move(o), exit_code::ok};
}

int not_implemented(std::string_view command, std::ostream& err) {
  err << "lsqm " << command << ": not implemented yet\n";
  return exit_code::not_implemented;
}

}  // namespace lsqm
