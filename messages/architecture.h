// One deployable architecture: normalized Terraform plus what was learned about it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

namespace lsqm {

struct Architecture {
  std::string hash;         // sha256 of the normalized Terraform (files sorted by path)
  std::string source_url;   // where it was found (https://…, file://…)
  std::string source_kind;  // terraform | cloudformation | sam | serverless
  std::string name;
  std::map<std::string, std::string> files;  // relative path -> content
  std::vector<std::string> resource_types;   // sorted, unique
  std::vector<std::string> services;         // sorted, unique
  int resource_count = 0;
  std::string discovered_at;  // ISO 8601 UTC
  std::string skip_reason;    // empty when it is to be validated
  // The root module's directory among `files` ("examples/a"); "" = the top. The other
  // directories are its local modules, stored with their layout ("../../" resolves).
  std::string root_dir;
  std::vector<std::string> modules;  // registry / remote module calls: "source version"
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Architecture, hash, source_url, source_kind, name,
                                                files, resource_types, services, resource_count,
                                                discovered_at, skip_reason, root_dir, modules)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, Architecture& x) {
  return f(caf::meta::type_name("Architecture"), x.hash, x.source_url, x.source_kind, x.name,
           x.files, x.resource_types, x.services, x.resource_count, x.discovered_at,
           x.skip_reason, x.root_dir, x.modules);
}

// What index.json keeps per architecture (everything but the files).
struct IndexEntry {
  std::string name;
  std::string source_url;
  std::string kind;
  std::vector<std::string> services;
  int resource_count = 0;
  std::string discovered_at;
  std::string skip_reason;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(IndexEntry, name, source_url, kind, services,
                                                resource_count, discovered_at, skip_reason)

inline IndexEntry index_entry_of(const Architecture& a) {
  return {a.name, a.source_url, a.source_kind, a.services, a.resource_count, a.discovered_at,
          a.skip_reason};
}

// A batch the miner hands out against credit; `done` once every source is exhausted.
struct MineBatch {
  std::vector<Architecture> architectures;
  bool done = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, MineBatch& x) {
  return f(caf::meta::type_name("MineBatch"), x.architectures, x.done);
}

struct MiningSummary {
  int scanned = 0;   // candidate units looked at
  int new_count = 0; // new or changed architectures yielded
  int known = 0;     // already in the index, yielded for re-validation
  int skipped = 0;   // yielded with a skip reason
  int errors = 0;    // units that could not be read or parsed
  std::vector<std::string> messages;  // one line per error or skip
  std::vector<std::string> failed_sources;  // "SOURCE: why", one per source not mined
  std::map<std::string, std::string> source_commits;  // git source URL (no token) -> commit mined
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MiningSummary, scanned, new_count, known, skipped,
                                                errors, messages, failed_sources,
                                                source_commits)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, MiningSummary& x) {
  return f(caf::meta::type_name("MiningSummary"), x.scanned, x.new_count, x.known, x.skipped,
           x.errors, x.messages, x.failed_sources, x.source_commits);
}

}  // namespace lsqm
