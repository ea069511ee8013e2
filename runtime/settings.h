// Turns the configuration into what each part is started with.
#pragma once

#include <filesystem>
#include <vector>

#include "actors/container_pool/container_pool_actor.h"
#include "actors/miner/service_catalog.h"
#include "actors/validator/validation_job.h"
#include "adapters/artifact_repo.h"
#include "runtime/config.h"

namespace lsqm {

std::filesystem::path data_dir_of(const Config& c);
ArtifactRepoOptions repo_options(const Config& c);
ServiceCatalog service_catalog(const Config& c);

// Configured sources, or the bundled examples when none are configured.
std::vector<std::filesystem::path> source_dirs(const Config& c);

// Resolves terraform_plugin_dir ("auto" searches terraform_plugin_search_roots; "" = none).
std::filesystem::path plugin_dir_of(const Config& c);

ValidationSettings validation_settings(const Config& c);
// `plugin_dir` and `work_root` as validation_settings found them (the slots' providers come
// from that mirror and keep their sockets under that scratch space).
PoolSettings pool_settings(const Config& c, const std::filesystem::path& plugin_dir,
                           const std::filesystem::path& work_root);

}  // namespace lsqm
