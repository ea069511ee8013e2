// Starts the actors for one pass over the architectures and waits for the run to close.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/artifact_repo.h"
#include "messages/interfaces.h"
#include "runtime/config.h"

namespace lsqm {

struct PipelinePlan {
  bool mine_sources = true;   // look for new architectures in the sources
  bool include_known = true;  // also re-validate what the index already holds
  bool generate = true;       // false: mine only
  bool validate = true;       // false: stop after generation (no run is recorded)
  bool notify = true;
  std::vector<std::string> only;  // limit known architectures to these hash prefixes
};

struct PipelineOutcome {
  RunSummary summary;
  MiningSummary mined;
  PoolStats pool;
  BudgetUsage budget;
};

// Throws std::runtime_error when the run itself could not complete.
PipelineOutcome run_pipeline(const Config& config, ArtifactRepo& repo, const nlohmann::json& index,
                             const PipelinePlan& plan, const std::string& run_id);

}  // namespace lsqm
