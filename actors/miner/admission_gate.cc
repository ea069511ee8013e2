#include "actors/miner/admission_gate.h"

#include "actors/miner/validate_batch.h"
#include "adapters/process.h"
#include "adapters/work_dir.h"
#include "formats/terraform_cli_config.h"
#include "formats/terraform_inputs.h"

namespace lsqm {
namespace fs = std::filesystem;
namespace {

struct BatchOutcome {
  std::string failure;  // the batch could not be validated at all: why (init, timeout, …)
  BatchDiagnostics diagnostics;
};

struct Gate {
  const std::vector<Architecture>& candidates;
  const AdmissionSettings& settings;
  AdmissionCost& cost;
  std::vector<std::string> refusals;

  ProcessResult terraform(const fs::path& dir, std::vector<std::string> args) {
    args.insert(args.begin(), settings.terraform);
    args.push_back("-no-color");
    ProcessSpec spec{std::move(args),
                     scrubbed_env({{"HOME", (dir / "home").string()},
                                   {"TF_CLI_CONFIG_FILE", (dir / "terraform.rc").string()},
                                   {"TF_IN_AUTOMATION", "1"},
                                   {"CHECKPOINT_DISABLE", "1"},
                                   {"AWS_EC2_METADATA_DISABLED", "true"}}),
                     dir, settings.timeout};
    if (settings.sandbox) {
      Sandbox box = *settings.sandbox;
      box.writable.push_back(dir);
      if (!settings.plugin_dir.empty()) box.readable.push_back(settings.plugin_dir);
      spec = sandboxed(spec, box);
    }
    auto r = run_process(spec);
    ++cost.terraform_runs;
    cost.seconds += r.duration_s;
    return r;
  }

  static std::string process_failure(const std::string& step, const ProcessResult& r) {
    if (r.timed_out) return "terraform " + step + ": killed on timeout";
    if (r.start_failed) return "terraform " + step + " did not start: " + first_terraform_error(r.output);
    return "terraform " + step + ": " + first_terraform_error(r.output);
  }

  BatchOutcome run_batch(const std::vector<std::size_t>& members) {
    ++cost.batches;
    BatchOutcome out;
    ScopedTempDir dir(settings.work_root, "lsqm-admit-");
    std::vector<BatchModule> modules;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const Architecture& arch = candidates[members[i]];
      write_stored_files(dir.path() / batch_module_dir(i), arch.files);
      auto inputs = plan_inputs(arch.files, arch.root_dir, settings.region, input_name_value(arch.hash));
      modules.push_back({arch.root_dir, inputs.values});
    }
    const BatchRoot root = batch_root_config(modules);
    write_work_file(dir.path() / "main.tf", root.main_tf);
    write_work_file(dir.path() / "terraform.rc", terraform_cli_config(settings.plugin_dir));
    fs::create_directories(dir.path() / "home");
    auto init = terraform(dir.path(), {"init", "-input=false", "-backend=false"});
    if (init.exit_code != 0 || init.timed_out) {
      out.failure = process_failure("init", init);
      return out;
    }
    auto validate = terraform(dir.path(), {"validate", "-json"});
    out.diagnostics = attribute_diagnostics(validate.output, root);
    if (validate.timed_out || !out.diagnostics.readable) out.failure = process_failure("validate", validate);
    return out;
  }

  void refuse_all(const std::vector<std::size_t>& members, const std::string& reason) {
    for (auto m : members) refusals[m] = reason;
  }

  // Halves a batch whose failure names no architecture, down to the one it belongs to.
  void split(const std::vector<std::size_t>& members, const std::string& reason) {
    if (members.size() == 1) return refuse_all(members, reason);
    auto middle = members.begin() + static_cast<std::ptrdiff_t>(members.size() / 2);
    admit(std::vector<std::size_t>(members.begin(), middle));
    admit(std::vector<std::size_t>(middle, members.end()));
  }

  void admit(std::vector<std::size_t> members) {
    while (!members.empty()) {
      BatchOutcome outcome;
      try {
        outcome = run_batch(members);
      } catch (const std::exception& e) {  // our side: disk, a file path refused
        if (members.size() == 1) return refuse_all(members, std::string("not validated: ") + e.what());
        return split(members, e.what());
      }
      if (!outcome.failure.empty()) return split(members, outcome.failure);
      const auto& d = outcome.diagnostics;
      if (d.valid) return;
      if (d.errors.empty())
        return split(members, "terraform validate: " + (d.unattributed.empty() ? "invalid" : d.unattributed));
      std::vector<std::size_t> rest;
      for (std::size_t i = 0; i < members.size(); ++i) {
        auto error = d.errors.find(i);
        if (error == d.errors.end()) rest.push_back(members[i]);
        else refusals[members[i]] = "terraform validate: " + error->second;
      }
      members = std::move(rest);  // again: errors in one module can hide the others'
    }
  }
};

}  // namespace

std::vector<std::string> admission_refusals(const std::vector<Architecture>& candidates,
                                            const AdmissionSettings& settings, AdmissionCost* cost) {
  AdmissionCost local;
  Gate gate{candidates, settings, cost ? *cost : local, std::vector<std::string>(candidates.size())};
  if (!settings.unavailable.empty()) {
    for (auto& r : gate.refusals) r = "not validated: " + settings.unavailable;
    return gate.refusals;
  }
  const std::size_t size = std::max<std::size_t>(1, settings.batch_size);
  for (std::size_t begin = 0; begin < candidates.size(); begin += size) {
    std::vector<std::size_t> members;
    for (std::size_t i = begin; i < std::min(candidates.size(), begin + size); ++i) members.push_back(i);
    gate.admit(std::move(members));
  }
  return gate.refusals;
}

}  // namespace lsqm
