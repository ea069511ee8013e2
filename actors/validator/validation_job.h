// One validation, start to end, blocking: temp dir, override, terraform init/apply, outputs,
// pytest, destroy, verdict. Runs on a detached actor's own thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "adapters/sandbox.h"
#include "messages/architecture.h"
#include "messages/test_app.h"
#include "messages/validation_result.h"

namespace lsqm {

struct ValidationSettings {
  std::string terraform = "terraform";
  std::filesystem::path plugin_dir;  // empty: rely on TF_PLUGIN_CACHE_DIR / terraform's defaults
  std::string python = "/usr/bin/python3";
  std::chrono::seconds step_timeout{300};
  std::chrono::seconds test_timeout{60};  // per test (pytest-timeout)
  std::string region = "us-east-1";
  std::filesystem::path work_root;  // temp dirs are created under it (default: system temp)
  std::string pin_aws_version;      // empty: as declared; "auto": chosen from the mirror per
                                    // architecture; else every run uses this version
  std::string emulator_ready_path = "/moto-api/data.json";  // probed after a failed step
  int transient_retries = 3;  // apply/destroy again after only 503s / throttling / resets
  std::chrono::milliseconds transient_backoff{2000};  // the first pause; doubles each time
  std::optional<Sandbox> sandbox;   // terraform and pytest run in it (plus the job's temp dir);
                                    // nullopt: unconfined ("sandbox": "off")
};

// Cap for the JUnit file pytest writes: a larger one is an error, never read.
inline constexpr std::size_t kMaxJunitBytes = 8 * 1024 * 1024;

// Never throws for anything the architecture, the app or the tools do: every failure is a
// ValidationResult with a status. The temp dir is removed whatever happens.
ValidationResult run_validation(const Architecture& arch, const TestApp& app, const Slot& slot,
                                const ValidationSettings& settings);

// Cap for terraform_output / pytest_output in a result (the head and the tail are kept).
inline constexpr std::size_t kMaxResultOutput = 256 * 1024;

}  // namespace lsqm
