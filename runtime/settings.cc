#include "runtime/settings.h"

#include <unistd.h>

#include <iostream>
#include <mutex>

#include "adapters/event_log.h"
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

std::vector<SourceSpec> sources_of(const Config& c) {
  if (!c.sources.empty()) return c.sources;
  return {SourceSpec{.kind = "local",
                     .location = (fs::path(LSQM_SOURCE_DIR) / "examples" / "architectures").string()}};
}

GitSourceSettings git_source_settings(const Config& c) {
  GitSourceSettings s;
  s.cache_root = data_dir_of(c) / "cache" / "sources";
  s.timeout = std::chrono::seconds(c.git_timeout_s);
  return s;
}

fs::path plugin_dir_of(const Config& c) {
  if (c.terraform_plugin_dir != "auto") return c.terraform_plugin_dir;
  std::vector<fs::path> roots(c.terraform_plugin_search_roots.begin(),
                              c.terraform_plugin_search_roots.end());
  return find_provider_mirror(roots).value_or(fs::path{});
}

std::optional<Sandbox> untrusted_code_sandbox_of(const Config& c) {
  if (c.sandbox == "off") {
    static std::once_flag warned;
    std::call_once(warned, [] {
      const std::string text =
          "sandbox is off (\"sandbox\": \"off\"): mined Terraform, its providers and "
          "provisioners, the generated tests and the emulator run unconfined, with the same "
          "view of this machine as lsqm";
      std::cerr << "lsqm: warning: " << text << std::endl;
      log_event(spdlog::level::warn, "sandbox", "sandbox_off", {{"message", text}});
    });
    return std::nullopt;
  }
  const SandboxSupport& support = sandbox_support();
  if (!support.available)  // the command prints it and exits 3
    throw SandboxUnavailable(
        "refusing to apply mined architectures without a sandbox: " + support.reason +
        ". Install bubblewrap (bwrap) where user namespaces are allowed, or accept running "
        "untrusted Terraform unconfined by setting \"sandbox\": \"off\" in the config file");
  static std::once_flag said;  // asked once per part that runs untrusted code: said once
  std::call_once(said, [] {
    log_event(spdlog::level::info, "sandbox", "sandbox_on",
              {{"message", "terraform, pytest and the emulator run in bubblewrap"}});
  });
  return untrusted_code_sandbox(data_dir_of(c));
}

namespace {

// Per process: an interrupted run removes its own scratch space and nobody else's.
fs::path work_root_of(const Config& c) {
  return data_dir_of(c) / "work" / ("pid-" + std::to_string(::getpid()));
}

}  // namespace

ValidationSettings validation_settings(const Config& c) {
  ValidationSettings s;
  s.sandbox = untrusted_code_sandbox_of(c);
  s.terraform = c.terraform;
  s.plugin_dir = plugin_dir_of(c);
  s.python = c.python;
  s.step_timeout = std::chrono::seconds(c.timeout_s);
  s.test_timeout = std::chrono::seconds(c.test_timeout_s);
  s.region = c.region;
  s.pin_aws_version = pinned_aws_version(c);
  s.emulator_ready_path = c.emulator_ready_path;
  s.work_root = work_root_of(c);
  return s;
}

AdmissionSettings admission_settings(const Config& c) {
  AdmissionSettings s;
  try {
    s.sandbox = untrusted_code_sandbox_of(c);
  } catch (const SandboxUnavailable& e) {
    s.unavailable = e.what();
  }
  s.terraform = c.terraform;
  s.plugin_dir = plugin_dir_of(c);
  s.timeout = std::chrono::seconds(c.timeout_s);
  s.region = c.region;
  s.work_root = work_root_of(c);
  return s;
}

PoolSettings pool_settings(const Config& c, const fs::path& plugin_dir, const fs::path& work_root,
                           const std::optional<Sandbox>& sandbox) {
  PoolSettings p;
  // A shared provider reads the profile files a job names (shared_config_files) in that
  // job's temp dir, under work_root; it writes only its own dir.
  std::optional<Sandbox> provider_sandbox = sandbox;
  if (provider_sandbox) provider_sandbox->readable.push_back(work_root);
  if (c.terraform_provider_reuse && !plugin_dir.empty()) {
    const std::string pin = pinned_aws_version(c);  // pin:auto: the slots serve the newest
    if (auto binary = find_aws_provider_binary(plugin_dir, pin == "auto" ? "" : pin))
      p.provider = ProviderServerSpec{*binary, work_root / "providers",
                                      data_dir_of(c) / "emulator-logs", data_dir_of(c) / "emulators",
                                      provider_sandbox};
  }
  p.emulator.sandbox = sandbox;
  p.slots = c.parallel;
  p.emulator.command = c.emulator_command;
  p.emulator.ready_path = c.emulator_ready_path;
  p.emulator.log_dir = data_dir_of(c) / "emulator-logs";
  p.emulator.record_dir = data_dir_of(c) / "emulators";
  p.ready_timeout = std::chrono::seconds(c.ready_timeout_s);
  return p;
}

}  // namespace lsqm
