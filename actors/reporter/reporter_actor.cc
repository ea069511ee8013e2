#include "actors/reporter/reporter_actor.h"

#include <algorithm>

#include "actors/reporter/compare.h"
#include "actors/reporter/report_html.h"
#include "actors/reporter/run_summary.h"
#include "actors/reporter/trends.h"
#include "actors/reporter/unfinished_runs.h"
#include "adapters/append_file.h"
#include "adapters/artifact_repo.h"
#include "adapters/atomic_file.h"
#include "adapters/clock.h"
#include "adapters/event_log.h"
#include "adapters/redact.h"
#include "formats/repo_layout.h"
#include "formats/verdict_log.h"
#include "adapters/actor_failure.h"

namespace lsqm {
namespace fs = std::filesystem;
namespace {

using reporter_ptr = reporter_actor::stateful_pointer<reporter_state>;

void redact_result(ValidationResult& r, const std::vector<std::string>& secrets) {
  r.terraform_output = redact_secrets(std::move(r.terraform_output), secrets);
  r.pytest_output = redact_secrets(std::move(r.pytest_output), secrets);
  r.container_logs = redact_secrets(std::move(r.container_logs), secrets);
  r.error.message = redact_secrets(std::move(r.error.message), secrets);
}

std::string log_text(const ValidationResult& r) {
  return "== " + r.arch_name + " (" + r.arch_hash + "): " + to_string(r.status) + " at " +
         r.stage + "\n== terraform\n" + r.terraform_output + "\n== pytest\n" + r.pytest_output +
         "\n== emulator\n" + r.container_logs + "\n";
}

// results.json keeps the verdicts; the long outputs live in logs/{hash}.log.
nlohmann::json results_json(const std::vector<ValidationResult>& results) {
  auto out = nlohmann::json::array();
  for (auto& r : results) out.push_back(verdict_record(r));
  return out;
}

nlohmann::json read_json_or(const fs::path& p, nlohmann::json fallback) {
  if (!fs::exists(p)) return fallback;
  return nlohmann::json::parse(read_file(p));  // a damaged file throws: never overwritten
}

void write_trends(const reporter_state& st, const RunSummary& summary, const nlohmann::json& index) {
  auto dir = st.settings.workdir / "trends";
  try {
    auto s = update_summary_trend(read_json_or(dir / "summary.json", nlohmann::json::array()),
                                  summary, st.settings.trend_runs);
    auto v = update_services_trend(read_json_or(dir / "services.json", nlohmann::json::array()),
                                   summary.run_id, st.results, index, st.settings.trend_runs);
    write_file_atomic(dir / "summary.json", s.dump(2) + "\n");
    write_file_atomic(dir / "services.json", v.dump(2) + "\n");
  } catch (const std::exception& e) {
    log_failure("report", "trends_not_updated", "corrupt_file", e.what(), dir.string());
  }
}

RunSummary finish_run(reporter_ptr self, const RunInfo& info) {
  auto& st = self->state;
  auto run_dir = st.settings.workdir / "runs" / st.settings.run_id;
  auto cmp = compare_runs(st.baseline.statuses, comparable_statuses_of(st.results), st.baseline.run_id,
                          st.settings.run_id, st.names);
  auto summary = summarize(st.settings.run_id, info.started_at, utc_now_iso(), st.results,
                           st.baseline.summary, cmp.regressions, cmp.fixes);
  summary.new_architectures = info.new_architectures;
  summary.skipped_architectures = info.skipped_architectures;
  summary.generation_skipped = info.generation_skipped;
  auto report = st.settings.workdir / "reports" / "latest" / "index.html";
  summary.report_path = report.string();

  // The whole index (kinds and skip reasons of what was not validated), names and services
  // as this run saw them.
  auto index = nlohmann::json::object();
  try {
    index = read_json_or(st.settings.workdir / layout::kIndexPath, index);
  } catch (const std::exception& e) {  // the report goes on without what the index adds
    log_failure("report", "index_not_read", "corrupt_file", e.what(), layout::kIndexPath);
  }
  if (!index.is_object()) index = nlohmann::json::object();
  for (auto& [hash, name] : st.names) {
    if (!index[hash].is_object()) index[hash] = nlohmann::json::object();
    index[hash]["name"] = name;
    index[hash]["services"] = st.services[hash];
  }
  nlohmann::json run = {{"run_id", summary.run_id},
                        {"state", kRunComplete},
                        {"started_at", summary.started_at},
                        {"finished_at", summary.finished_at},
                        {"emulator", info.emulator},
                        {"emulator_version", info.emulator_version},
                        {"config", nlohmann::json::parse(info.config_json.empty() ? "{}"
                                                                                  : info.config_json)},
                        {"summary", summary}};
  write_file_atomic(run_dir / "results.json", results_json(st.results).dump(2) + "\n");
  write_file_atomic(run_dir / "run.json", run.dump(2) + "\n");
  fs::remove(run_dir / kVerdictLogName);  // assembled into results.json: not published
  write_trends(st, summary, index);
  write_file_atomic(report, render_report_html(summary, st.results, index));
  log_event(spdlog::level::info, "report", "written",
            {{"run_dir", run_dir.string()}, {"report", report.string()},
             {"regressions", summary.regressions.size()}, {"fixes", summary.fixes.size()}});
  return summary;
}

}  // namespace

namespace {

nlohmann::json read_json_record(const fs::path& p) {
  try {
    auto j = nlohmann::json::parse(read_file(p), nullptr, false);
    if (j.is_discarded()) throw CorruptFile(p, "not valid JSON");
    return j;
  } catch (const FileError& e) {
    throw CorruptFile(p, e.what());
  }
}

// The finished run `id` as a baseline; nullopt for an interrupted or unclosed run. Throws
// CorruptFile for an unreadable record.
std::optional<Baseline> read_finished_run(const fs::path& workdir, const std::string& id) {
  auto dir = workdir / layout::run_dir(id);
  if (!fs::exists(dir / "run.json")) return std::nullopt;  // in progress, or cut and not closed
  auto run = read_json_record(dir / "run.json");
  if (!run.is_object()) throw CorruptFile(dir / "run.json", "not a JSON object");
  if (run.value("state", std::string(kRunComplete)) == kRunInterrupted) return std::nullopt;
  auto results = read_json_record(dir / "results.json");
  Baseline b;
  b.run_id = id;
  try {
    for (auto& r : results)  // a flaky verdict is no baseline (comparable_statuses_of)
      if (r.value("flaky", "").empty()) b.statuses[r.at("arch_hash")] = r.at("status").get<Status>();
    if (run.contains("summary")) b.summary = run["summary"].get<RunSummary>();
  } catch (const nlohmann::json::exception& e) {
    throw CorruptFile(dir / "results.json", std::string("not a run record: ") + e.what());
  }
  return b;
}

}  // namespace

Baseline load_baseline(const fs::path& workdir, const std::string& exclude) {
  auto ids = run_ids_in(workdir);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {  // newest first
    if (*it == exclude) continue;
    try {
      if (auto b = read_finished_run(workdir, *it)) return *b;
    } catch (const std::exception& e) {
      log_event(spdlog::level::warn, "report", "baseline_unreadable",
                {{"run_id", *it}, {"error", {{"type", "corrupt_file"}, {"message", e.what()}}}});
      // an unreadable run is passed over, never rewritten
    }
  }
  return Baseline{};
}

Baseline load_latest_run(const fs::path& workdir) {
  auto ids = run_ids_in(workdir);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it)
    if (auto b = read_finished_run(workdir, *it)) return *b;
  return Baseline{};
}

reporter_actor::behavior_type reporter(reporter_ptr self, ReporterSettings settings,
                                       Baseline baseline) {
  report_exceptions(self, "reporter");
  self->state.settings = std::move(settings);
  self->state.baseline = std::move(baseline);
  return {
      [=](record_atom, const Architecture& arch, ValidationResult result) {
        auto& st = self->state;
        redact_result(result, st.settings.secrets);
        if (result.arch_name.empty()) result.arch_name = arch.name;
        st.names[arch.hash] = arch.name;
        st.services[arch.hash] = arch.services;
        auto run_dir = st.settings.workdir / "runs" / st.settings.run_id;
        st.results.push_back(std::move(result));
        // Written at once, so a run that never finishes keeps every verdict it reached: the
        // small verdict line first (it matters most on a nearly full disk), then the log.
        try {
          append_to_file(run_dir / kVerdictLogName, verdict_line(st.results.back()));
          write_file_atomic(run_dir / "logs" / (arch.hash + ".log"), log_text(st.results.back()));
        } catch (const std::exception& e) {
          log_failure("report", "verdict_not_written", "io", e.what());
        }
        return true;
      },
      [=](finish_atom, const RunInfo& info) { return finish_run(self, info); },
  };
}

}  // namespace lsqm
