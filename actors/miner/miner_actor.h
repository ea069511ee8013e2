// miner: finds architectures in its sources, normalizes and hashes them, records new ones in
// the artifact repository (architectures/{hash}/ and index.json) and hands them out only as
// fast as the pipeline asks (credit), so a huge mine never sits in memory at once.
#pragma once

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <caf/typed_event_based_actor.hpp>
#include <nlohmann/json.hpp>

#include "actors/miner/admission_gate.h"
#include "actors/miner/architecture_builder.h"
#include "actors/miner/normalize_template.h"
#include "actors/miner/service_catalog.h"
#include "adapters/git_source.h"
#include "adapters/local_source.h"
#include "adapters/template_source.h"
#include "messages/source_spec.h"
#include "messages/interfaces.h"

namespace lsqm {

struct MinerSettings {
  std::vector<SourceSpec> sources;  // local directory trees and git repositories
  GitSourceSettings git;            // where git sources are cloned, fetch deadline
  std::filesystem::path repo_workdir;          // the artifact repository's working clone
  ServiceCatalog catalog;
  bool include_known = true;       // also hand out indexed architectures, for re-validation
  std::vector<std::string> only;   // non-empty: known architectures whose hash starts so
  bool dry_run = false;            // find and report, write nothing
  IntakePolicy policy;             // what terraform may fetch beyond a unit's files
  NormalizeOptions normalize;      // how templates become Terraform (region, stage)
  // terraform validate before a normalized template is handed out; by default not configured,
  // so templates are refused rather than admitted unchecked.
  AdmissionSettings admission = {.unavailable = "the admission gate is not configured"};
};

struct miner_state {
  MinerSettings settings;
  nlohmann::json index;  // architectures/index.json
  bool scanned = false;  // sources walked into `units`
  // (its source tree, a root module of it), read once per source
  std::deque<std::pair<std::shared_ptr<const SourceTree>, SourceUnit>> units;
  struct GitTree {
    std::string url;     // the remote as configured
    std::string commit;  // checked out under the root
  };
  std::map<std::filesystem::path, GitTree> git_trees;  // roots that are git checkouts
  // Template units (after the Terraform ones), each with its source tree's root.
  std::deque<std::pair<std::filesystem::path, TemplateUnit>> templates;
  std::deque<Architecture> ready;  // normalized templates through the gate, to hand out in order
  AdmissionCost admission_cost;    // what the gate cost in this mine
  bool commits_recorded = false;  // architectures/sources.json written for this mine
  bool known_listed = false;
  std::deque<std::string> known;  // indexed hashes still to hand out
  std::set<std::string> handed_out;
  MiningSummary summary;
  static inline const char* name = "miner";
};

// Loads an indexed architecture back from architectures/{hash}/.
Architecture load_stored_architecture(const std::filesystem::path& repo_workdir,
                                      const std::string& hash, const nlohmann::json& entry);

// Spawn detached: it reads and writes files. `index` is index.json as loaded by sync.
miner_actor::behavior_type miner(miner_actor::stateful_pointer<miner_state> self,
                                 MinerSettings settings, nlohmann::json index);

}  // namespace lsqm
