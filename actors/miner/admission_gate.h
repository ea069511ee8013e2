// The admission gate of normalized architectures: each must pass `terraform validate` with the
// AWS provider alone, offline (the local mirror), sandboxed like every run of mined code, before
// the miner hands it out. Architectures are validated in batches (validate_batch.h): one
// `terraform init` + `validate` per batch, not per architecture.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "adapters/sandbox.h"
#include "messages/architecture.h"

namespace lsqm {

struct AdmissionSettings {
  std::string terraform = "terraform";
  std::filesystem::path plugin_dir;   // the provider mirror; empty: terraform's own installation
  std::optional<Sandbox> sandbox;     // nullopt: unconfined ("sandbox": "off")
  std::chrono::seconds timeout{300};  // per terraform command
  std::filesystem::path work_root;    // batch dirs are made under it (default: system temp)
  std::string region = "us-east-1";   // for region-like inputs
  std::size_t batch_size = 100;       // architectures per terraform validate
  std::string unavailable;            // set: nothing can be validated here, and this says why
};

struct AdmissionCost {
  int batches = 0;         // batch directories validated
  int terraform_runs = 0;  // init + validate commands
  double seconds = 0;      // wall time inside terraform
};

// For each architecture, why it is not admitted ("terraform validate: Unsupported argument: …",
// "terraform init: …"), or "" when terraform validated it. Aligned with `candidates`. A batch
// with errors is validated again without the architectures the errors name, and a failure no
// architecture owns is narrowed down by halving the batch, so one bad architecture never
// refuses another. Never throws for what terraform or the files do.
std::vector<std::string> admission_refusals(const std::vector<Architecture>& candidates,
                                            const AdmissionSettings& settings,
                                            AdmissionCost* cost = nullptr);

}  // namespace lsqm
