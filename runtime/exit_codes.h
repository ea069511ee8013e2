// The process exit codes of `lsqm`: scripts and CI branch on them.
#pragma once

namespace lsqm::exit_code {

constexpr int ok = 0;
constexpr int regressions = 1;      // the run worked and found regressions
constexpr int usage = 2;            // bad command line or configuration
constexpr int run_failure = 3;      // the run itself failed
constexpr int not_implemented = 4;  // a subcommand a later version builds

}  // namespace lsqm::exit_code
