#include "runtime/settings.h"

#include <unistd.h>

#include "adapters/terraform_mirror.h"
#include "runtime/embedded_config.h"

namespace lsqm {
namespace fs = std::filesystem;

fs::path data_dir_of(const Config& c) {
  return c.data_dir.empty() ? default_data_dir() : fs::path(c.data_dir);
}

ArtifactRepoOptions repo_options(const Config& c) {
  ArtifactRepoOptions o;
  o.url = c.artifact_repo;
  o.data_dir = data_dir_of(c);
  o.token = c.github_token;
  o.git_timeout = std::chrono::seconds(c.git_timeout_s);
  return o;
}

ServiceCatalog service_catalog(const Config& c) {
  auto& files = embedded_configs();
  return ServiceCatalog::from_json(nlohmann::json::parse(files.at("resource_services.json")),
                                   nlohmann::json::parse(files.at("supported_services.json")),
                                   c.supported_services);
}

std::vector<fs::path> source_dirs(const Config& c) {
  std::vector<fs::path> dirs(c.sources.begin(), c.sources.end());
  if (dirs.empty()) dirs.push_back(fs::path(LSQM_SOURCE_DIR) / "examples" / "architectures");
  return dirs;
}

fs::path plugin_dir_of(const Config& c) {
  if (c.terraform_plugin_dir != "auto") return c.terraform_plugin_dir;
  std::vector<fs::path> roots(c.terraform_plugin_search_roots.begin(),
                              c.terraform_plugin_search_roots.end());
  return find_provider_mirror(roots).value_or(fs::path{});
}

ValidationSettings validation_settings(const Config& c) {
  ValidationSettings s;
  s.terraform = c.terraform;
  s.plugin_dir = plugin_dir_of(c);
  s.python = c.python;
  s.step_timeout = std::chrono::seconds(c.timeout_s);
  s.test_timeout = std::chrono::seconds(c.test_timeout_s);
  s.region = c.region;
  s.pin_aws_version = pinned_aws_version(c);
  // Per process: an interrupted run removes its own scratch space and nobody else's.
  s.work_root = data_dir_of(c) / "work" / ("pid-" + std::to_string(::getpid()));
  return s;
}

PoolSettings pool_settings(const Config& c, const fs::path& plugin_dir, const fs::path& work_root) {
  PoolSettings p;
  if (c.terraform_provider_reuse && !plugin_dir.empty()) {
    if (auto binary = find_aws_provider_binary(plugin_dir, pinned_aws_version(c)))
      p.provider = ProviderServerSpec{*binary, work_root / "providers",
                                      data_dir_of(c) / "emulator-logs", data_dir_of(c) / "emulators"};
  }
  p.slots = c.parallel;
  p.emulator.command = c.emulator_command;
  p.emulator.ready_path = c.emulator_ready_path;
  p.emulator.log_dir = data_dir_of(c) / "emulator-logs";
  p.emulator.record_dir = data_dir_of(c) / "emulators";
  p.ready_timeout = std::chrono::seconds(c.ready_timeout_s);
  return p;
}

}  // namespace lsqm
