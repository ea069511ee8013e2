// Turns the configuration into what each part is started with.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <vector>

#include "actors/container_pool/container_pool_actor.h"
#include "actors/miner/admission_gate.h"
#include "actors/miner/service_catalog.h"
#include "actors/validator/validation_job.h"
#include "adapters/artifact_repo.h"
#include "adapters/git_source.h"
#include "runtime/config.h"

namespace lsqm {

std::filesystem::path data_dir_of(const Config& c);
ArtifactRepoOptions repo_options(const Config& c);
ServiceCatalog service_catalog(const Config& c);

// Configured sources, or the bundled examples when none are configured.
std::vector<SourceSpec> sources_of(const Config& c);

// Where git sources are cloned (<data dir>/cache/sources) and how long one fetch may take.
GitSourceSettings git_source_settings(const Config& c);

// Resolves terraform_plugin_dir ("auto" searches terraform_plugin_search_roots; "" = none).
std::filesystem::path plugin_dir_of(const Config& c);

// What untrusted code runs in: the sandbox hiding data dir, HOME, workspace and working dir,
// or nullopt with "sandbox": "off" (said on stderr and in the log). Throws SandboxUnavailable
// when "sandbox" is "on" and none can be made here: nothing mined may be applied then.
std::optional<Sandbox> untrusted_code_sandbox_of(const Config& c);

struct SandboxUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws SandboxUnavailable (see untrusted_code_sandbox_of).
ValidationSettings validation_settings(const Config& c);
// How the miner checks normalized templates with terraform validate: the validation's terraform,
// mirror, sandbox and step timeout. Where no sandbox can be made, `unavailable` says so (the
// templates are then refused, while Terraform units are still mined).
AdmissionSettings admission_settings(const Config& c);
// `plugin_dir` and `work_root` as validation_settings found them (the slots' providers come
// from that mirror and keep their sockets under that scratch space).
// The emulators and the slots' providers run in `sandbox` too (when set).
PoolSettings pool_settings(const Config& c, const std::filesystem::path& plugin_dir,
                           const std::filesystem::path& work_root,
                           const std::optional<Sandbox>& sandbox);

}  // namespace lsqm
