#include "actors/validator/validation_job.h"

#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "actors/validator/classify.h"
#include "actors/validator/provider_override.h"
#include "actors/validator/provider_reuse.h"
#include "formats/terraform_cli_config.h"
#include "adapters/capped_read.h"
#include "adapters/http.h"
#include "adapters/local_source.h"
#include "adapters/process.h"
#include "adapters/terraform_mirror.h"
#include "adapters/work_dir.h"
#include "formats/lock_file.h"
#include "formats/terraform_inputs.h"
#include "formats/version.h"
#include "adapters/provider_server.h"

namespace lsqm {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct ValidationSetupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string read_file_or_empty(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string capped(const std::string& text) {
  if (text.size() <= kMaxResultOutput) return text;
  const std::size_t half = kMaxResultOutput / 2;
  return text.substr(0, half) + "\n[… " + std::to_string(text.size() - 2 * half) +
         " bytes cut …]\n" + text.substr(text.size() - half);
}

// The hashicorp/aws version terraform init locked, from .terraform.lock.hcl.
std::string locked_aws_version(const fs::path& tf_dir) {
  auto locked = locked_provider_versions(read_file_or_empty(tf_dir / ".terraform.lock.hcl"));
  auto aws = locked.find("registry.terraform.io/hashicorp/aws");
  return aws == locked.end() ? std::string{} : aws->second;
}

// The root module's directory under the tree's top; a record naming one outside is refused.
fs::path root_module_dir(const fs::path& top, const std::string& root_dir) {
  fs::path rel = fs::path(root_dir).lexically_normal();
  if (root_dir.empty() || rel == ".") return top;
  if (rel.is_absolute() || *rel.begin() == "..")
    throw ValidationSetupError("refusing a root module directory outside the work dir: " + root_dir);
  return top / rel;
}

// The files as seen from the root module: its own files by name, every other one under a
// directory (provider facts tell the root's provider blocks from the modules').
std::map<std::string, std::string> files_from_root(const Architecture& arch) {
  if (arch.root_dir.empty()) return arch.files;
  const std::string prefix = arch.root_dir + "/";
  std::map<std::string, std::string> out;
  for (const auto& [path, content] : arch.files) {
    bool in_root = path.compare(0, prefix.size(), prefix) == 0 &&
                   path.find('/', prefix.size()) == std::string::npos;
    out[in_root ? path.substr(prefix.size()) : "../" + path] = content;
  }
  return out;
}

StepOutcome to_outcome(const ProcessResult& r) {
  return {true, r.exit_code, r.timed_out, r.start_failed, r.output};
}

struct Job {
  const Architecture& arch;
  const TestApp& app;
  const Slot& slot;
  const ValidationSettings& settings;
  fs::path root, tf_dir, app_dir, home_dir;
  TerraformFacts facts;
  std::map<std::string, std::string> env, tf_env;  // tf_env: env + the slot's provider
  std::string terraform_log;
  StepOutcomes steps;

  void prepare() {
    tf_dir = root_module_dir(root / "tf", arch.root_dir);
    app_dir = root / "app";
    home_dir = root / "home";
    fs::create_directories(tf_dir);
    fs::create_directories(app_dir);
    write_stored_files(root / "tf", arch.files);
    write_stored_files(app_dir, app.files);
    write_inputs();
    facts = scan_provider_facts(files_from_root(arch));
    const std::string pin = pinned_version();
    OverrideOptions override{settings.region, pin};
    std::string refusal = "the slot has none";
    if (!slot.provider_reattach.empty())
      refusal = shared_provider_refusal(facts, slot.provider_version, pin);
    if (refusal.empty()) {
      override.aws_config_file = (home_dir / ".aws" / "config").string();
      override.aws_credentials_file = (home_dir / ".aws" / "credentials").string();
    }
    write_work_file(tf_dir / kProviderOverrideFile, provider_override(facts, override));
    const AwsProfileFiles aws = aws_profile_files(facts.profiles, settings.region);
    write_work_file(home_dir / ".aws" / "config", aws.config);
    write_work_file(home_dir / ".aws" / "credentials", aws.credentials);

    std::map<std::string, std::string> extra{
        {"HOME", home_dir.string()},
        {"AWS_ACCESS_KEY_ID", "test"},
        {"AWS_SECRET_ACCESS_KEY", "test"},
        {"AWS_DEFAULT_REGION", settings.region},
        {"AWS_REGION", settings.region},
        {"AWS_ENDPOINT_URL", slot.endpoint},
        {"AWS_EC2_METADATA_DISABLED", "true"},
        {"TF_IN_AUTOMATION", "1"},
        {"CHECKPOINT_DISABLE", "1"},
        {"PYTHONDONTWRITEBYTECODE", "1"},
        {"LSQM_TF_OUTPUTS", (app_dir / "tf_outputs.json").string()},
        {"LSQM_TF_STATE", (app_dir / "tf_state.json").string()},
        // Terraform installs only allowlisted providers, by full address (terraform_cli_config.h).
        {"TF_CLI_CONFIG_FILE", (root / "terraform.rc").string()},
    };
    write_work_file(root / "terraform.rc", terraform_cli_config(settings.plugin_dir));
    if (const char* cache = std::getenv("TF_PLUGIN_CACHE_DIR")) extra["TF_PLUGIN_CACHE_DIR"] = cache;
    env = scrubbed_env(extra);
    tf_env = env;
    if (refusal.empty()) {
      // In its own PID namespace terraform must not poll (or kill) the provider's real pid.
      tf_env["TF_REATTACH_PROVIDERS"] = settings.sandbox ? reattach_in_sandbox(slot.provider_reattach)
                                                         : slot.provider_reattach;
      terraform_log += "(terraform uses the slot's AWS provider " + slot.provider_version + ")\n";
    } else if (!slot.provider_reattach.empty()) {
      terraform_log += "(terraform starts its own AWS provider: " + refusal + ")\n";
    }
  }

  // Values for variables without a default (formats/terraform_inputs.h), shown in the log.
  void write_inputs() {
    auto plan = plan_inputs(arch.files, arch.root_dir, settings.region, input_name_value(arch.hash));
    if (plan.values.empty()) return;
    auto text = input_tfvars(plan);
    write_work_file(tf_dir / "lsqm.auto.tfvars", text);
    terraform_log += "(inputs written to lsqm.auto.tfvars)\n" + text;
  }

  // The aws provider version every run of this architecture uses; empty: as declared. pin:auto
  // picks from the mirror (newest fitting the architecture's constraint, else newest).
  std::string pinned_version() {
    if (settings.pin_aws_version != "auto") return settings.pin_aws_version;
    const std::string& wanted = facts.aws_version_constraint;
    const std::string chosen = newest_version_for(mirror_aws_versions(settings.plugin_dir), wanted);
    if (chosen.empty()) {
      terraform_log += "(pin:auto: no aws provider in the mirror; as declared)\n";
    } else {
      const bool fits = version_satisfies(chosen, wanted);
      terraform_log += "(pin:auto: aws provider " + chosen +
                       (fits ? ", the newest in the mirror that satisfies \"" + wanted + "\""
                             : ": none in the mirror satisfies \"" + wanted + "\", the newest") +
                       ")\n";
    }
    return chosen;
  }

  bool shared_provider() const { return tf_env.count("TF_REATTACH_PROVIDERS") > 0; }

  ProcessResult run(std::vector<std::string> argv, const fs::path& cwd,
                    const std::map<std::string, std::string>& with_env) {
    ProcessSpec spec{std::move(argv), with_env, cwd,
                     std::chrono::duration_cast<std::chrono::milliseconds>(settings.step_timeout)};
    return run_process(settings.sandbox ? sandboxed(spec, job_sandbox()) : spec);
  }

  // Only the job's temp dir is writable; the mirror, the plugin cache and the slot's provider
  // socket stay reachable even where they live under a hidden directory.
  Sandbox job_sandbox() const {
    Sandbox box = *settings.sandbox;
    box.writable.push_back(root);
    if (!settings.plugin_dir.empty()) box.readable.push_back(settings.plugin_dir);
    if (auto cache = env.find("TF_PLUGIN_CACHE_DIR"); cache != env.end())
      box.writable.push_back(cache->second);
    for (const auto& dir : reattach_socket_dirs(slot.provider_reattach)) box.readable.push_back(dir);
    return box;
  }

  // After a failed step: is the emulator gone (nothing listens on its port any more)? A hung
  // one still accepts connections: that stays a timeout. A refusal is asked twice.
  bool emulator_gone(const std::string& step) {
    const std::string url = slot.endpoint + settings.emulator_ready_path;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(500));
      if (!http_get(url, std::chrono::seconds(3)).refused) return false;
    }
    steps.emulator_gone_after = step;
    terraform_log += "(the emulator no longer answers " + url + " after " + step + ")\n";
    return true;
  }

  // True when the step failed and the emulator died with it: nothing after it can say more.
  bool failed_with_emulator(const StepOutcome& outcome, const std::string& step) {
    const bool failed = outcome.exit_code != 0 || outcome.timed_out;
    return failed && !outcome.start_failed && emulator_gone(step);
  }

  ProcessResult terraform(const std::string& step, std::vector<std::string> args) {
    args.insert(args.begin(), settings.terraform);
    args.push_back("-no-color");
    ProcessResult r = run(args, tf_dir, tf_env);
    terraform_log += "$ terraform " + step + "  (exit " + std::to_string(r.exit_code) +
                     (r.timed_out ? ", killed on timeout" : "") + ", " +
                     std::to_string(r.duration_s) + " s)\n" + r.output + "\n";
    return r;
  }

  void run_steps(ValidationResult& result) {
    // The mirror comes from the CLI config (TF_CLI_CONFIG_FILE), not -plugin-dir.
    steps.init = to_outcome(terraform("init", {"init", "-input=false"}));
    // init never talks to the emulator: an emulator that died during it fails apply.
    if (steps.init.exit_code != 0 || steps.init.timed_out || steps.init.start_failed) return;
    // A reattached provider is not in the lock file: it is the version the slot serves.
    result.provider_version = shared_provider() ? slot.provider_version : locked_aws_version(tf_dir);

    steps.apply = with_transient_retries("apply", {"apply", "-auto-approve", "-input=false"});
    if (failed_with_emulator(steps.apply, "apply")) return;
    if (steps.apply.exit_code == 0 && !steps.apply.timed_out) {
      save_json("output", {"output", "-json"}, env.at("LSQM_TF_OUTPUTS"));
      save_json("show", {"show", "-json"}, env.at("LSQM_TF_STATE"));
      run_tests(result);
      if (failed_with_emulator(steps.test, "test")) return;
    }
    steps.destroy = with_transient_retries(
        "destroy", {"destroy", "-auto-approve", "-input=false", "-refresh=false"});
    failed_with_emulator(steps.destroy, "destroy");
  }

  // A 503, throttling or reset connection is no verdict: run the step again (terraform carries
  // on from its state), with growing pauses, while those are its only failures.
  StepOutcome with_transient_retries(const std::string& step, const std::vector<std::string>& args) {
    auto pause = settings.transient_backoff;
    for (int attempt = 0;; ++attempt) {
      StepOutcome outcome = to_outcome(terraform(step, args));
      const bool failed = outcome.exit_code != 0 && !outcome.timed_out;
      if (!failed || attempt >= settings.transient_retries ||
          !only_transient_failures(outcome.output))
        return outcome;
      terraform_log += "(only transient failures: running " + step + " again in " +
                       std::to_string(pause.count()) + " ms)\n";
      std::this_thread::sleep_for(pause);
      pause *= 2;
    }
  }

  void save_json(const std::string& step, std::vector<std::string> args, const fs::path& to) {
    args.insert(args.begin(), settings.terraform);
    args.push_back("-no-color");
    ProcessResult r = run(args, tf_dir, tf_env);
    if (r.exit_code == 0 && !r.timed_out)
      write_work_file(to, r.output);
    else
      terraform_log += "$ terraform " + step + " -json failed:\n" + r.output + "\n";
  }

  void run_tests(ValidationResult& result) {
    const fs::path junit = root / "junit.xml";
    ProcessResult r = run({settings.python, "-m", "pytest", "-p", "no:cacheprovider",
                           "--timeout=" + std::to_string(settings.test_timeout.count()),
                           "--junitxml=" + junit.string(), "-rA", "."},
                          app_dir, env);
    steps.test = to_outcome(r);
    result.pytest_output = capped(r.output);
    std::error_code ec;
    if (fs::exists(junit, ec)) {
      if (auto xml = read_file_within(junit, kMaxJunitBytes))
        steps.junit = parse_junit(*xml);
      else
        steps.junit_problem = "the JUnit report is larger than " +
                              std::to_string(kMaxJunitBytes) + " bytes or unreadable";
    }
    if (steps.junit) {
      result.tests_total = steps.junit->total;
      result.tests_passed = steps.junit->passed;
      result.tests_failed = steps.junit->failed + steps.junit->errors;
    }
  }
};

}  // namespace

ValidationResult run_validation(const Architecture& arch, const TestApp& app, const Slot& slot,
                                const ValidationSettings& settings) {
  const auto t0 = Clock::now();
  ValidationResult result;
  result.arch_hash = arch.hash;
  result.arch_name = arch.name;
  auto done = [&] {
    result.duration_s = std::chrono::duration<double>(Clock::now() - t0).count();
    return result;
  };
  if (!slot.ok) {
    result.status = Status::ERROR;
    result.stage = "start";
    result.error = {"emulator_not_ready", slot.error.empty() ? "emulator not ready" : slot.error};
    result.container_logs = capped(slot.logs);
    return done();
  }
  try {
    ScopedTempDir dir(settings.work_root);
    Job job{arch, app, slot, settings, dir.path(), {}, {}, {}, {}, {}, {}};
    job.prepare();
    job.run_steps(result);
    const Verdict v = classify(job.steps);
    result.status = v.status;
    result.stage = v.stage;
    result.error = v.error;
    result.failed_operations = failed_operations(job.steps.apply.output + "\n" +
                                                 job.steps.test.output + "\n" +
                                                 job.steps.destroy.output);
    if (job.steps.junit) result.failed_tests = job.steps.junit->failed_tests;
    result.only_transient = (result.status == Status::FAILED || result.status == Status::PARTIAL) &&
                            only_transient_failures(job.steps.apply.output + "\n" +
                                                    job.steps.destroy.output);
    result.terraform_output = capped(job.terraform_log);
  } catch (const std::exception& e) {  // setup on our side: disk, permissions, bad paths
    result.status = Status::ERROR;
    result.stage = "start";
    const std::string what = e.what();
    result.error = {what.find("No space left") != std::string::npos ? "disk_full" : "setup_failed",
                    what};
  }
  return done();
}

}  // namespace lsqm
