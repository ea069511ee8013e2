// A slot's long-lived terraform AWS provider: `terraform-provider-aws -debug` started once,
// bound to the slot's emulator endpoint through its own environment, and reattached by each
// terraform command of that slot via TF_REATTACH_PROVIDERS (no init, no binary hashing, no
// plugin start-up per command: about half of a validation's CPU, DESIGN.md, Terraform).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/sandbox.h"
#include "adapters/terraform_mirror.h"

namespace lsqm {

class RecordedChild;

struct ProviderServerSpec {
  ProviderBinary binary;
  std::filesystem::path work_dir;    // its HOME and TMPDIR (the plugin socket lands here)
  std::filesystem::path log_dir;     // provider-{port}.log
  std::filesystem::path record_dir;  // for `lsqm clean` (see recorded_child.h)
  std::optional<Sandbox> sandbox;    // nullopt: unconfined; its work_dir is made writable
};

class ProviderServer {
 public:
  // Starts it for the emulator at `endpoint`; throws std::runtime_error when it cannot start.
  static std::unique_ptr<ProviderServer> start(const ProviderServerSpec& spec,
                                               const std::string& endpoint, int port);
  ~ProviderServer();

  // The TF_REATTACH_PROVIDERS value once the provider has printed it; empty before.
  std::string reattach();
  bool running() const;
  std::string logs() const;
  const std::string& version() const { return version_; }
  void stop();

 private:
  ProviderServer() = default;
  std::unique_ptr<RecordedChild> child_;
  std::string reattach_, version_;
  std::filesystem::path work_dir_;
};

// The value in a provider's "TF_REATTACH_PROVIDERS='…'" line, or empty. Linear scan.
std::string reattach_value(const std::string& provider_output);

// The reattach value for a terraform in a PID namespace of its own: every provider's "Pid"
// becomes 1, that sandbox's init, alive exactly as long as terraform (go-plugin polls the pid
// for liveness and kills it when the socket does not answer: a foreign pid means nothing there,
// and 0 would be terraform's own group). Empty when the value is not a reattach JSON object.
std::string reattach_in_sandbox(const std::string& reattach);

// The directories of the unix sockets a reattach value names (terraform must see them).
std::vector<std::filesystem::path> reattach_socket_dirs(const std::string& reattach);

}  // namespace lsqm
