#include "runtime/commands.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>

#include <caf/all.hpp>

#include "actors/notifier/notifier_actor.h"
#include "actors/notifier/summary_text.h"
#include "actors/reporter/report_html.h"
#include "actors/reporter/reporter_actor.h"
#include "actors/reporter/run_id.h"
#include "actors/reporter/unfinished_runs.h"
#include "adapters/atomic_file.h"
#include "adapters/data_dir_lock.h"
#include "adapters/event_log.h"
#include "adapters/recorded_child.h"
#include "runtime/exit_codes.h"
#include "runtime/logging.h"
#include "runtime/run_pipeline.h"
#include "runtime/settings.h"

namespace lsqm {
namespace fs = std::filesystem;
namespace {

void say(const std::string& line) { std::cout << line << "\n" << std::flush; }

std::string describe_repo(const Config& c) {
  return c.artifact_repo.empty()
             ? "the local artifact repository " + (data_dir_of(c) / "artifacts.git").string()
             : c.artifact_repo;
}

int cmd_sync(const CliOptions&, const Config& c) {
  if (c.dry_run) {
    say("would clone or pull " + describe_repo(c) + " into " + (data_dir_of(c) / "cache").string() +
        ", initialise it when empty, and load architectures/index.json");
    return exit_code::ok;
  }
  auto repo = ArtifactRepo::sync(repo_options(c));
  auto index = repo.load_index();
  say("synced " + describe_repo(c) + " (working clone " + repo.workdir().string() + "): " +
      std::to_string(index.size()) + " architectures, " + std::to_string(repo.run_ids().size()) +
      " runs");
  return exit_code::ok;
}

int count_apps(const fs::path& workdir) {
  int n = 0;
  if (fs::is_directory(workdir / "apps"))
    for (auto& d : fs::directory_iterator(workdir / "apps"))
      if (fs::exists(d.path() / "generation.json")) ++n;
  return n;
}

nlohmann::json status_json(const ArtifactRepo& repo) {
  auto index = repo.load_index();
  int skipped = 0;
  for (auto& [hash, e] : index.items())
    if (e.is_object() && !e.value("skip_reason", "").empty()) ++skipped;
  nlohmann::json out = {{"repository", repo.url()},
                        {"workdir", repo.workdir().string()},
                        {"architectures", {{"total", index.size()}, {"skipped", skipped}}},
                        {"apps", count_apps(repo.workdir())},
                        {"runs", repo.run_ids().size()},
                        {"unfinished_runs", count_unfinished_runs(repo.workdir())},
                        {"latest_run", nullptr}};
  // The latest finished run: an interrupted one is counted in "runs" but summarises nothing.
  auto latest = load_baseline(repo.workdir(), "");
  if (latest.summary) out["latest_run"] = *latest.summary;
  return out;
}

int cmd_status(const CliOptions& o, const Config& c) {
  if (c.dry_run) {
    say("would sync " + describe_repo(c) + " and print its status");
    return exit_code::ok;
  }
  auto repo = ArtifactRepo::sync(repo_options(c));
  auto s = status_json(repo);
  if (o.json) {
    say(s.dump(2));
    return exit_code::ok;
  }
  say("repository:    " + describe_repo(c));
  say("architectures: " + std::to_string(s["architectures"]["total"].get<int>()) + " (" +
      std::to_string(s["architectures"]["skipped"].get<int>()) + " skipped)");
  say("apps:          " + std::to_string(s["apps"].get<int>()));
  auto unfinished = s["unfinished_runs"].get<int>();
  say("runs:          " + std::to_string(s["runs"].get<int>()) +
      (unfinished ? " (" + std::to_string(unfinished) + " interrupted)" : ""));
  if (s["latest_run"].is_null()) say("latest run:    none yet");
  else if (s["latest_run"].contains("total"))
    std::cout << summary_text(s["latest_run"].get<RunSummary>());
  return exit_code::ok;
}

int cmd_clean(const CliOptions&, const Config& c) {
  auto dir = data_dir_of(c);
  for (auto& line : stop_recorded_children(dir / "emulators", c.dry_run)) say(line);
  for (auto sub : {"cache", "work", "emulator-logs"}) {
    auto p = dir / sub;
    if (!fs::exists(p)) continue;
    say((c.dry_run ? "would remove " : "removed ") + p.string());
    if (!c.dry_run) fs::remove_all(p);
  }
  return exit_code::ok;
}

std::string new_run_id() {
  return make_run_id(std::chrono::system_clock::now(), random_run_suffix());
}

std::string commit_message(const RunSummary& s) {
  char rate[16];
  std::snprintf(rate, sizeof rate, "%.1f%%", s.pass_rate * 100);
  return "lsqm run " + s.run_id + ": " + std::to_string(s.total) + " validated, " +
         std::to_string(s.passed) + " passed (" + rate + "), " +
         std::to_string(s.regressions.size()) + " regressions, " +
         std::to_string(s.new_architectures) + " new architectures";
}

void print_plan(const Config& c, const PipelinePlan& plan, const char* what) {
  say(std::string("would ") + what + " with " + describe_repo(c));
  if (plan.mine_sources)
    for (auto& s : source_dirs(c)) say("  mine source: " + s.string());
  if (plan.validate) {
    auto plugins = plugin_dir_of(c);
    say("  validate with up to " + std::to_string(c.parallel) + " emulators: " +
        c.emulator_command);
    say("  terraform: " + c.terraform + ", providers from " +
        (plugins.empty() ? std::string("terraform's defaults") : plugins.string()));
  }
  say("  generator: " + c.generator + ", token budget " + std::to_string(c.token_budget));
}

// mine / generate / validate / run: one pipeline, more or fewer stages.
int pipeline_command(const Config& c, const PipelinePlan& plan, bool publish, const char* what) {
  if (c.dry_run) {
    print_plan(c, plan, what);
    return exit_code::ok;
  }
  auto repo = ArtifactRepo::sync(repo_options(c));
  auto index = repo.load_index();  // a corrupt index stops here, untouched
  auto run_id = new_run_id();
  set_run_id(run_id);
  if (plan.validate) add_log_file((repo.workdir() / "runs" / run_id / "lsqm.log").string());
  auto t0 = std::chrono::system_clock::now();
  auto out = run_pipeline(c, repo, index, plan, run_id);
  log_stage_end(what, "done", t0, std::chrono::system_clock::now(),
                {{"validated", out.summary.total}, {"new", out.mined.new_count},
                 {"peak_emulators", out.pool.peak_alive}});
  for (auto& m : out.mined.messages) log_event(spdlog::level::info, "mine", "note", {{"message", m}});
  std::string message = plan.validate ? commit_message(out.summary)
                                      : std::string("lsqm ") + what + ": " +
                                            std::to_string(out.mined.new_count) +
                                            " new architectures";
  if (plan.validate) repo.prune_runs(static_cast<std::size_t>(c.runs_kept));
  repo.commit(message);
  if (publish) repo.push();
  if (!plan.validate)
    say(std::string(what) + ": " + std::to_string(out.mined.new_count) + " new, " +
        std::to_string(out.mined.known) + " known, " + std::to_string(out.mined.skipped) +
        " skipped, " + std::to_string(out.mined.errors) + " unreadable");
  // With a notifier the summary (report path included) has been printed already.
  if (!plan.notify && !out.summary.report_path.empty()) say("Report: " + out.summary.report_path);
  return out.summary.regressions.empty() ? exit_code::ok : exit_code::regressions;
}

int cmd_run(const CliOptions&, const Config& c) {
  return pipeline_command(c, PipelinePlan{}, true, "run");
}

int cmd_mine(const CliOptions&, const Config& c) {
  PipelinePlan p;
  p.include_known = false;
  p.generate = false;
  p.validate = false;
  // Mining only records architectures: the generator is not asked (no budget is spent).
  return pipeline_command(c, p, false, "mine");
}

int cmd_generate(const CliOptions&, const Config& c) {
  PipelinePlan p;
  p.mine_sources = false;
  p.validate = false;
  return pipeline_command(c, p, false, "generate");
}

int cmd_validate(const CliOptions& o, const Config& c) {
  PipelinePlan p;
  p.mine_sources = false;
  p.notify = false;
  p.only = o.arch_hashes;
  return pipeline_command(c, p, false, "validate");
}

int cmd_push(const CliOptions&, const Config& c) {
  if (c.dry_run) {
    say("would push the working clone to " + describe_repo(c));
    return exit_code::ok;
  }
  auto repo = ArtifactRepo::sync(repo_options(c));
  close_unfinished_runs(repo.workdir(), "");  // we hold the data dir: none is in progress
  repo.commit("lsqm push: local changes");
  repo.push();
  say("pushed to " + describe_repo(c));
  return exit_code::ok;
}

// The latest recorded run; nothing (and a line that says so) when there is none yet.
std::optional<Baseline> latest_run(const ArtifactRepo& repo, const std::string& command) {
  auto latest = load_baseline(repo.workdir(), "");
  if (latest.summary) return latest;
  say(command + ": no run recorded yet; `lsqm run` makes one");
  return std::nullopt;
}

int cmd_compare(const CliOptions&, const Config& c) {
  auto repo = ArtifactRepo::sync(repo_options(c));
  auto latest = latest_run(repo, "compare");
  if (!latest) return exit_code::ok;
  std::cout << summary_text(*latest->summary);
  return latest->summary->regressions.empty() ? exit_code::ok : exit_code::regressions;
}

// Re-renders the dashboard from the latest recorded run.
int cmd_report(const CliOptions&, const Config& c) {
  if (c.dry_run) {
    say("would re-render reports/latest/index.html from the latest run in " + describe_repo(c));
    return exit_code::ok;
  }
  auto repo = ArtifactRepo::sync(repo_options(c));
  auto latest = latest_run(repo, "report");
  if (!latest) return exit_code::ok;
  auto run_dir = repo.workdir() / "runs" / latest->run_id;
  std::vector<ValidationResult> results;
  for (auto& r : nlohmann::json::parse(read_file(run_dir / "results.json")))
    results.push_back(r.get<ValidationResult>());
  auto report = repo.workdir() / "reports" / "latest" / "index.html";
  write_file_atomic(report, render_report_html(*latest->summary, results, repo.load_index()));
  repo.commit("lsqm report: dashboard of run " + latest->run_id);
  say("Report: " + report.string());
  return exit_code::ok;
}

// Tells people about the latest recorded run again (Slack, or stdout without a webhook).
int cmd_notify(const CliOptions&, const Config& c) {
  auto repo = ArtifactRepo::sync(repo_options(c));
  auto latest = latest_run(repo, "notify");
  if (!latest) return exit_code::ok;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto n = sys.spawn<caf::detached>(notifier, NotifierSettings{c.slack_webhook_url, c.dry_run});
  int code = exit_code::ok;
  self->request(n, caf::infinite, notify_atom::value, *latest->summary)
      .receive(
          [&](const DeliveryReport& d) {
            for (auto& e : d.errors) std::cerr << "lsqm notify: " << e << "\n";
            if (!d.errors.empty()) code = exit_code::run_failure;
          },
          [&](caf::error& e) {
            std::cerr << "lsqm notify: " << sys.render(e) << "\n";
            code = exit_code::run_failure;
          });
  self->send_exit(n, caf::exit_reason::user_shutdown);
  return code;
}

using Handler = std::function<int(const CliOptions&, const Config&)>;

}  // namespace

int run_command(const CliOptions& options, const Config& config) {
  static const std::map<std::string, Handler> handlers = {
      {"sync", cmd_sync},         {"status", cmd_status},   {"clean", cmd_clean},
      {"run", cmd_run},           {"mine", cmd_mine},       {"generate", cmd_generate},
      {"validate", cmd_validate}, {"push", cmd_push},       {"compare", cmd_compare},
      {"report", cmd_report},     {"notify", cmd_notify},
  };
  auto it = handlers.find(options.command);
  if (it == handlers.end()) return not_implemented(options.command, std::cerr);
  try {
    // A dry run only reads, so it neither takes nor needs the lock.
    std::optional<DataDirLock> lock;
    if (!config.dry_run) lock.emplace(data_dir_of(config));
    return it->second(options, config);
  } catch (const DataDirBusy& e) {
    log_failure("main", "data_dir_busy", "data_dir_busy", e.what());
    std::cerr << "lsqm: " << e.what() << "\n";
  } catch (const CorruptFile& e) {
    log_failure("repo", "corrupt_file", "corrupt_file", e.what(), e.path().string());
    std::cerr << "lsqm: " << e.what() << "\n  the file was left as it is; fix or restore it "
              << "(git history of the artifact repository) and run again\n";
  } catch (const RepoUnreachable& e) {
    log_failure("repo", "unreachable", "repo_unreachable", e.what());
    std::cerr << "lsqm: " << e.what() << "\n";
  } catch (const UnrelatedRepository& e) {
    log_failure("repo", "unrelated", "unrelated_repository", e.what());
    std::cerr << "lsqm: " << e.what() << "\n";
  } catch (const std::exception& e) {
    log_failure(options.command, "failed", "run_failure", e.what());
    std::cerr << "lsqm " << options.command << ": " << e.what() << "\n";
  }
  return exit_code::run_failure;
}

}  // namespace lsqm
