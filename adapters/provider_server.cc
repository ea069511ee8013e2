#include "adapters/provider_server.h"

#include <stdlib.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "adapters/recorded_child.h"

namespace lsqm {
namespace fs = std::filesystem;

std::string reattach_value(const std::string& provider_output) {
  static const std::string marker = "TF_REATTACH_PROVIDERS='";
  for (auto at = provider_output.find(marker); at != std::string::npos;
       at = provider_output.find(marker, at + 1)) {
    const std::size_t begin = at + marker.size();
    const std::size_t end = provider_output.find_first_of("'\n", begin);
    if (end == std::string::npos || provider_output[end] != '\'') continue;
    if (end - begin >= 2 && provider_output[begin] == '{' && provider_output[end - 1] == '}')
      return provider_output.substr(begin, end - begin);
  }
  return {};
}

namespace {

nlohmann::json reattach_json(const std::string& reattach) {
  auto j = nlohmann::json::parse(reattach, nullptr, false);
  return j.is_object() ? j : nlohmann::json();
}

}  // namespace

std::string reattach_in_sandbox(const std::string& reattach) {
  auto j = reattach_json(reattach);
  if (j.is_null()) return {};
  for (auto& [name, provider] : j.items())
    if (provider.is_object()) provider["Pid"] = 1;
  return j.dump();
}

std::vector<fs::path> reattach_socket_dirs(const std::string& reattach) {
  std::vector<fs::path> dirs;
  const auto j = reattach_json(reattach);
  for (auto& [name, provider] : j.items()) {
    if (!provider.is_object() || !provider.contains("Addr")) continue;
    const auto& addr = provider["Addr"];
    if (addr.value("Network", "") == "unix" && addr.contains("String") && addr["String"].is_string())
      dirs.push_back(fs::path(addr["String"].get<std::string>()).parent_path());
  }
  return dirs;
}

std::unique_ptr<ProviderServer> ProviderServer::start(const ProviderServerSpec& spec,
                                                      const std::string& endpoint, int port) {
  std::unique_ptr<ProviderServer> p(new ProviderServer);
  p->version_ = spec.binary.version;
  p->work_dir_ = spec.work_dir;
  // Even when the socket goes elsewhere: a sandbox can only show directories that exist.
  fs::create_directories(spec.work_dir);
  // Its unix socket path must fit in sun_path (108 bytes): a deep data dir gets a short one.
  if (p->work_dir_.string().size() > 70) {
    std::string tmpl = (fs::temp_directory_path() / "lsqm-provider-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temp dir for a provider");
    p->work_dir_ = tmpl;
  }
  fs::create_directories(p->work_dir_);
  ProcessSpec ps;
  ps.argv = {spec.binary.path.string(), "-debug"};
  // Its own environment decides where it sends every AWS call: the slot's emulator only.
  // Nothing of ours, and no AWS_CA_BUNDLE (the debug provider refuses to start with it).
  ps.env = scrubbed_env({{"HOME", p->work_dir_.string()},
                         {"TMPDIR", p->work_dir_.string()},
                         {"AWS_ENDPOINT_URL", endpoint},
                         {"AWS_ACCESS_KEY_ID", "test"},
                         {"AWS_SECRET_ACCESS_KEY", "test"},
                         {"AWS_EC2_METADATA_DISABLED", "true"},
                         {"CHECKPOINT_DISABLE", "1"}});
  if (spec.sandbox) {
    Sandbox box = *spec.sandbox;
    box.readable.push_back(spec.binary.path.parent_path());
    box.writable.push_back(p->work_dir_);
    ps = sandboxed(ps, box);
  }
  p->child_ = std::make_unique<RecordedChild>(
      ps, spec.log_dir / ("provider-" + std::to_string(port) + ".log"), spec.record_dir, port);
  return p;
}

ProviderServer::~ProviderServer() { stop(); }

std::string ProviderServer::reattach() {
  if (reattach_.empty() && child_) reattach_ = reattach_value(child_->output());
  return reattach_;
}

bool ProviderServer::running() const { return child_ && child_->running(); }

std::string ProviderServer::logs() const { return child_ ? child_->output() : ""; }

void ProviderServer::stop() {
  if (child_) child_->stop();
  std::error_code ec;
  if (!work_dir_.empty()) fs::remove_all(work_dir_, ec);  // its plugin socket
}

}  // namespace lsqm
