#include "actors/reporter/unfinished_runs.h"

#include <nlohmann/json.hpp>

#include "actors/reporter/run_id.h"
#include "actors/reporter/run_summary.h"
#include "adapters/artifact_repo.h"
#include "adapters/atomic_file.h"
#include "adapters/event_log.h"
#include "formats/repo_layout.h"
#include "formats/verdict_log.h"

namespace lsqm {
namespace fs = std::filesystem;

namespace {

// "20261122T055721Z-b64772" -> "2026-11-22T05:57:21Z": when the run started.
std::string started_at_of(const std::string& run_id) {
  const auto& s = run_id;
  return s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) + "T" + s.substr(9, 2) +
         ":" + s.substr(11, 2) + ":" + s.substr(13, 2) + "Z";
}

// The verdicts a cut run reached: its results.json when it has one, else its verdict log
// (assembled into results.json here, so the closed run reads like a finished one).
nlohmann::json verdicts_of(const fs::path& run_dir) {
  if (fs::exists(run_dir / "results.json"))
    return nlohmann::json::parse(read_file(run_dir / "results.json"));
  if (!fs::exists(run_dir / kVerdictLogName)) return nlohmann::json::array();
  auto verdicts = verdicts_from_log(read_file(run_dir / kVerdictLogName));
  write_file_atomic(run_dir / "results.json", verdicts.dump(2) + "\n");
  fs::remove(run_dir / kVerdictLogName);
  return verdicts;
}

void close_run(const fs::path& run_dir, const std::string& id) {
  std::vector<ValidationResult> results;
  for (auto& r : verdicts_of(run_dir)) results.push_back(r.get<ValidationResult>());
  auto summary = summarize(id, started_at_of(id), "", results, std::nullopt, {}, {});
  nlohmann::json run = {{"run_id", id},
                        {"state", kRunInterrupted},
                        {"started_at", summary.started_at},
                        {"summary", summary}};
  write_file_atomic(run_dir / "run.json", run.dump(2) + "\n");
  log_event(spdlog::level::warn, "report", "interrupted_run_closed",
            {{"closed_run_id", id}, {"verdicts", results.size()}});
}

}  // namespace

std::vector<std::string> close_unfinished_runs(const fs::path& workdir, const std::string& exclude) {
  std::vector<std::string> closed;
  for (const auto& id : run_ids_in(workdir)) {
    auto dir = workdir / layout::run_dir(id);
    if (!is_run_id(id) || id == exclude || fs::exists(dir / "run.json")) continue;
    try {
      close_run(dir, id);
      closed.push_back(id);
    } catch (const std::exception& e) {
      log_failure("report", "interrupted_run_not_closed", "corrupt_file", e.what(),
                  (dir / "results.json").string());
    }
  }
  return closed;
}

int count_unfinished_runs(const fs::path& workdir) {
  int n = 0;
  for (const auto& id : run_ids_in(workdir)) {
    if (!is_run_id(id)) continue;
    try {
      auto run = nlohmann::json::parse(read_file(workdir / layout::run_dir(id) / "run.json"));
      n += run.value("state", std::string(kRunComplete)) == kRunInterrupted;
    } catch (const std::exception&) {
      ++n;  // no run.json (or an unreadable one): it never finished as far as we can tell
    }
  }
  return n;
}

}  // namespace lsqm
