// reporter: keeps this run's verdicts (each log written and each verdict appended to
// verdicts.jsonl at once, so an interrupted run loses none; results.json assembled at the end), and when the run closes compares it with the previous run and
// writes run.json, trends and the dashboard into the artifact repository's working clone.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <caf/typed_event_based_actor.hpp>
#include <nlohmann/json.hpp>

#include "messages/interfaces.h"

namespace lsqm {

struct ReporterSettings {
  std::filesystem::path workdir;  // the artifact repository's working clone
  std::string run_id;
  std::size_t trend_runs = 52;    // entries kept in trends/*.json
  std::vector<std::string> secrets;  // redacted from every log and result written
};

// The previous run, as read from runs/{id}/ before this run starts.
struct Baseline {
  std::string run_id;
  std::map<std::string, Status> statuses;  // arch hash -> status
  std::optional<RunSummary> summary;
};

// The newest finished run in `workdir` other than `exclude` (interrupted runs are passed
// over); empty when there is none or it is unreadable.
Baseline load_baseline(const std::filesystem::path& workdir, const std::string& exclude);

// The newest finished run in `workdir` (interrupted and unclosed runs are passed over); empty
// when there is none. Unlike load_baseline, an unreadable run.json or results.json of that
// run is an error: throws CorruptFile naming the file.
Baseline load_latest_run(const std::filesystem::path& workdir);

struct reporter_state {
  ReporterSettings settings;
  Baseline baseline;
  std::vector<ValidationResult> results;
  std::map<std::string, std::vector<std::string>> services;  // arch hash -> services
  std::map<std::string, std::string> names;                  // arch hash -> name
  static inline const char* name = "reporter";
};

// Spawn detached: it writes files.
reporter_actor::behavior_type reporter(reporter_actor::stateful_pointer<reporter_state> self,
                                       ReporterSettings settings, Baseline baseline);

}  // namespace lsqm
