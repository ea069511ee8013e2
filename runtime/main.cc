// lsqm entry point: parse the command line, load the configuration, set up logging, and run
// the subcommand. Exit codes: runtime/exit_codes.h.
#include <sys/resource.h>

#include <iostream>
#include <string>
#include <vector>

#include "adapters/artifact_repo.h"
#include "adapters/event_log.h"
#include "runtime/cli.h"
#include "runtime/commands.h"
#include "runtime/config.h"
#include "runtime/exit_codes.h"
#include "runtime/interrupt.h"
#include "runtime/logging.h"

namespace {

lsqm::ConfigInputs config_inputs(const lsqm::CliOptions& o) {
  lsqm::ConfigInputs inputs;
  inputs.config_file = o.config_path;
  inputs.env = lsqm::process_environment();
  inputs.flags.parallel = o.parallel;
  inputs.flags.localstack_version = o.localstack_version;
  if (!o.sources.empty()) inputs.flags.sources = o.sources;
  if (o.verbose) inputs.flags.verbose = true;
  if (o.dry_run) inputs.flags.dry_run = true;
  return inputs;
}

// One JSON error line; through the logger (redacted) once it exists.
int unexpected(const nlohmann::json& error, bool logging_ready) {
  if (logging_ready)
    lsqm::log_event(spdlog::level::critical, "main", "unexpected_error", {{"error", error}});
  else
    std::cerr << nlohmann::json{{"level", "critical"}, {"stage", "main"},
                                {"event", "unexpected_error"}, {"error", error}}
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << std::endl;
  return lsqm::exit_code::run_failure;
}

// CPU of lsqm itself and of the children it waited for, and its peak RSS (bench/ reads it).
void log_resource_usage() {
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  auto secs = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  lsqm::log_event(spdlog::level::debug, "main", "resource_usage",
                  {{"self_user_s", secs(self.ru_utime)}, {"self_sys_s", secs(self.ru_stime)},
                   {"children_user_s", secs(children.ru_utime)},
                   {"children_sys_s", secs(children.ru_stime)},
                   {"self_max_rss_kb", self.ru_maxrss}});
}

}  // namespace

int main(int argc, char** argv) {
  // Hidden: one git fetch/push for the parent lsqm, in a process it can kill on its deadline.
  if (argc >= 2 && std::string(argv[1]) == "__git-transport")
    return lsqm::git_transport_main(std::vector<std::string>(argv + 2, argv + argc));
  auto parsed = lsqm::parse_cli(std::vector<std::string>(argv + 1, argv + argc), std::cout,
                                std::cerr);
  if (!parsed.options) return parsed.exit_code;
  bool logging_ready = false;
  try {
    lsqm::Config config = lsqm::load_config(config_inputs(*parsed.options));
    lsqm::init_logging(config.verbose);
    lsqm::install_interrupt_handler();
    lsqm::set_secrets(lsqm::secret_values(config));
    logging_ready = true;
    int code = lsqm::run_command(*parsed.options, config);
    log_resource_usage();
    return code;
  } catch (const lsqm::ConfigError& e) {
    std::cerr << "lsqm: configuration error: " << e.what() << std::endl;
    return lsqm::exit_code::usage;
  } catch (const std::exception& e) {
    return unexpected(lsqm::error_fields(e), logging_ready);
  } catch (...) {
    return unexpected({{"type", "unknown"}, {"message", "non-standard exception"}},
                      logging_ready);
  }
}
