// The run's configuration. Precedence: flags > environment > JSON config file (--config) >
// embedded defaults (config/default.json). Secrets come from the environment only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/source_spec.h"

namespace lsqm {

// A malformed configuration value; the message names the source and what to fix.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Defaults mirror config/default.json (a test keeps the two equal).
struct Config {
  std::string artifact_repo;  // URL or local path; empty: a local bare repo under data_dir
  std::string data_dir;
  // Strings ("a directory, or a git URL") or objects {"kind": "git", "url", "ref", "paths",
  // "exclude"} / {"kind": "local", "path"}; empty: the bundled examples.
  std::vector<SourceSpec> sources;
  std::int64_t token_budget = 500000;
  std::string localstack_version = "latest";
  int parallel = 4;  // 1..64
  int timeout_s = 300;
  int test_timeout_s = 60;
  int ready_timeout_s = 30;
  std::string issue_repo = "localstack/localstack";
  std::string github_api_url = "https://api.github.com";
  std::string registry_url = "https://registry.terraform.io";
  std::string anthropic_url = "https://api.anthropic.com";
  std::string slack_url;
  std::string generator = "rules";
  std::string model = "claude-sonnet-4-5";
  std::string emulator = "process";
  std::string emulator_command = "moto_server -p {port}";
  std::string emulator_ready_path = "/moto-api/data.json";
  std::string supported_services = "localstack-community";
  std::string python = "/usr/bin/python3";
  std::string terraform = "terraform";
  std::string terraform_plugin_dir = "auto";
  std::vector<std::string> terraform_plugin_search_roots = {
      "/opt", "/usr/local/share/terraform", "/usr/share/terraform"};
  // "as-declared", or "pin:VERSION": every architecture is tested with that aws provider, or
  // "pin:auto": the newest in the mirror that fits the architecture's constraint, else the newest.
  std::string terraform_aws_provider = "as-declared";
  bool terraform_provider_reuse = true;  // one long-lived aws provider per slot (reattached)
  bool terraform_registry_modules = false;  // let terraform fetch public registry modules
  std::string region = "us-east-1";
  int runs_kept = 52;
  int git_timeout_s = 120;  // deadline of one fetch or push of the artifact repository
  // "on": untrusted code (terraform, providers, pytest, the emulator) runs in bubblewrap, and
  // nothing is applied when no sandbox can be made; "off": it runs unconfined (a warning).
  std::string sandbox = "on";

  // Secrets: environment only, never in a snapshot, redacted from logs.
  std::string anthropic_api_key;
  std::string github_token;
  std::string slack_webhook_url;

  bool verbose = false;
  bool dry_run = false;
};

// Command-line flags that override the configuration; unset means "not given".
struct FlagOverrides {
  std::optional<int> parallel;
  std::optional<std::string> localstack_version;
  std::optional<std::vector<std::string>> sources;  // mine --source
  std::optional<bool> verbose;
  std::optional<bool> dry_run;
};

struct ConfigInputs {
  std::optional<std::string> config_file;  // --config PATH
  std::map<std::string, std::string> env;  // injected, so tests never touch the process env
  FlagOverrides flags;
};

// Throws ConfigError.
Config load_config(const ConfigInputs& inputs);

// The version of a "pin:VERSION" terraform_aws_provider ("auto" for pin:auto); empty for
// "as-declared".
std::string pinned_aws_version(const Config& c);

// The current process environment as a map (for ConfigInputs::env).
std::map<std::string, std::string> process_environment();

// Every setting except the secrets: safe to store in run.json.
nlohmann::json snapshot(const Config& config);

// The secrets that are set (non-empty), for log redaction and scrubbed child environments.
std::vector<std::string> secret_values(const Config& config);

}  // namespace lsqm
