#include "runtime/commands.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <variant>

#include <caf/all.hpp>

#include "actors/notifier/notifier_actor.h"
#include "actors/notifier/summary_text.h"
#include "actors/reporter/index_counts.h"
#include "actors/reporter/report_html.h"
#include "actors/reporter/reporter_actor.h"
#include "actors/reporter/run_id.h"
#include "actors/reporter/unfinished_runs.h"
#include "adapters/atomic_file.h"
#include "adapters/data_dir_lock.h"
#include "adapters/event_log.h"
#include "adapters/recorded_child.h"
#include "formats/repo_layout.h"
#include "formats/url_userinfo.h"
#include "runtime/exit_codes.h"
#include "runtime/logging.h"
#include "runtime/run_pipeline.h"
#include "runtime/settings.h"

namespace lsqm {
namespace fs = std::filesystem;
namespace {

void say(const std::string& line) { std::cout << line << "\n" << std::flush; }

// The repository as a user may see it: never with credentials.
std::string describe_repo(const Config& c) {
  return c.artifact_repo.empty()
             ? "the local artifact repository " + (data_dir_of(c) / "artifacts.git").string()
             : url_without_userinfo(c.artifact_repo);
}

void plan_sync(const CliOptions&, const Config& c) {
  say("would clone or pull " + describe_repo(c) + " into " + (data_dir_of(c) / "cache").string() +
      ", initialise it when empty, and load architectures/index.json");
}

int cmd_sync(const CliOptions&, const Config& c, ArtifactRepo& repo) {
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

// "a 3, b 1": a JSON object of counts, largest first.
std::string counts_line(const nlohmann::json& counts) {
  std::vector<std::pair<int, std::string>> sorted;
  for (auto& [key, n] : counts.items()) sorted.emplace_back(-n.get<int>(), key);
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (auto& [n, key] : sorted) out += (out.empty() ? "" : ", ") + key + " " + std::to_string(-n);
  return out.empty() ? "none" : out;
}

nlohmann::json status_json(const ArtifactRepoReader& repo) {
  auto index = repo.load_index();
  nlohmann::json out = {{"repository", repo.url()},
                        {"workdir", repo.workdir().string()},
                        {"architectures", to_json(count_index(index))},
                        {"apps", count_apps(repo.workdir())},
                        {"runs", repo.run_ids().size()},
                        {"unfinished_runs", count_unfinished_runs(repo.workdir())},
                        {"latest_run", nullptr}};
  // The latest finished run: an interrupted one is counted in "runs" but summarises nothing.
  auto latest = load_baseline(repo.workdir(), "");
  if (latest.summary) out["latest_run"] = *latest.summary;
  return out;
}

void plan_status(const CliOptions&, const Config& c) {
  say("would fetch " + describe_repo(c) + " and print its status");
}

int cmd_status(const CliOptions& o, const Config& c, const ArtifactRepoReader& repo) {
  auto s = status_json(repo);
  if (o.json) {
    say(s.dump(2));
    return exit_code::ok;
  }
  say("repository:    " + describe_repo(c));
  auto& archs = s["architectures"];
  say("architectures: " + std::to_string(archs["total"].get<int>()) + " (" +
      std::to_string(archs["skipped"].get<int>()) + " cannot be deployed here)");
  say("  by kind:     " + counts_line(archs["by_kind"]));
  if (archs["skipped"].get<int>() > 0)
    say("  skipped:     " + counts_line(archs["skipped_by_reason"]));
  say("apps:          " + std::to_string(s["apps"].get<int>()));
  auto unfinished = s["unfinished_runs"].get<int>();
  say("runs:          " + std::to_string(s["runs"].get<int>()) +
      (unfinished ? " (" + std::to_string(unfinished) + " interrupted)" : ""));
  if (s["latest_run"].is_null()) say("latest run:    none yet");
  else if (s["latest_run"].contains("total"))
    std::cout << summary_text(s["latest_run"].get<RunSummary>());
  return exit_code::ok;
}

// Removes the cache, scratch space and emulator logs, and stops recorded emulators. A working
// clone holding work not yet pushed is kept (and said so): it may be the only copy.
int clean_data_dir(const Config& c, bool dry_run) {
  auto dir = data_dir_of(c);
  for (auto& line : stop_recorded_children(dir / "emulators", dry_run)) say(line);
  std::vector<fs::path> doomed;
  int kept = 0;
  std::error_code ec;
  for (auto& clone : fs::directory_iterator(dir / "cache", ec)) {
    if (has_unpublished_work(clone.path(), repo_options(c).branch)) {
      say((dry_run ? "would keep " : "kept ") + clone.path().string() +
          ": it holds commits or changes not pushed yet; run `lsqm push` to publish them, then "
          "`lsqm clean` again");
      ++kept;
    } else {
      doomed.push_back(clone.path());
    }
  }
  if (!kept && fs::exists(dir / "cache")) doomed = {dir / "cache"};
  for (auto sub : {"work", "emulator-logs"})
    if (fs::exists(dir / sub)) doomed.push_back(dir / sub);
  for (auto& p : doomed) {
    say((dry_run ? "would remove " : "removed ") + p.string());
    if (!dry_run) fs::remove_all(p);
  }
  return kept ? exit_code::run_failure : exit_code::ok;
}

void plan_clean(const CliOptions&, const Config& c) { clean_data_dir(c, true); }
int cmd_clean(const CliOptions&, const Config& c) { return clean_data_dir(c, false); }

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
    for (auto& s : sources_of(c))
      say("  mine source: " + url_without_userinfo(s.location) + (s.ref.empty() ? "" : " @ " + s.ref));
  if (plan.validate) {
    auto plugins = plugin_dir_of(c);
    say("  validate with up to " + std::to_string(c.parallel) + " emulators: " +
        c.emulator_command);
    say("  terraform: " + c.terraform + ", providers from " +
        (plugins.empty() ? std::string("terraform's defaults") : plugins.string()));
  }
  say("  generator: " + c.generator + ", token budget " + std::to_string(c.token_budget));
}

// What a run that failed part-way (full disk, unwritable clone, an actor's exception) kept.
std::string kept_during_run(const ArtifactRepo& repo, const PipelinePlan& plan,
                            const std::string& run_id) {
  if (!plan.validate)
    return "what was mined or generated so far, in " + repo.workdir().string() +
           "; nothing was committed or pushed. Once the cause is fixed (free disk space, a "
           "writable data dir), run the command again.";
  return "the verdicts reached so far, in " +
         (repo.workdir() / layout::run_dir(run_id)).string() +
         " (verdicts.jsonl and logs/); nothing was committed or pushed. Once the cause is fixed "
         "(free disk space, a writable data dir), `lsqm push` closes the run as interrupted "
         "and publishes it.";
}

std::string kept_at_commit(const ArtifactRepo& repo) {
  return "the finished work, uncommitted, in " + repo.workdir().string() +
         "; nothing was pushed. Once the cause is fixed (free disk space, a writable data dir), "
         "`lsqm push` commits and publishes it.";
}

// Runs `step`; a failure other than the repository's own gets the note of what was kept.
template <class Step>
auto keeping(const std::string& kept, Step step) {
  try {
    return step();
  } catch (const RepoError&) {
    throw;  // says itself what happened to the clone
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) + "\n  kept: " + kept);
  }
}

// mine / generate / validate / run: one pipeline, more or fewer stages.
int pipeline_command(const Config& c, ArtifactRepo& repo, const PipelinePlan& plan, bool publish,
                     const char* what) {
  auto index = repo.load_index();  // a corrupt index stops here, untouched
  auto run_id = new_run_id();
  set_run_id(run_id);
  if (plan.validate) add_log_file((repo.workdir() / layout::run_dir(run_id) / "lsqm.log").string());
  auto t0 = std::chrono::system_clock::now();
  auto out = keeping(kept_during_run(repo, plan, run_id),
                     [&] { return run_pipeline(c, repo, index, plan, run_id); });
  log_stage_end(what, "done", t0, std::chrono::system_clock::now(),
                {{"validated", out.summary.total}, {"new", out.mined.new_count},
                 {"peak_emulators", out.pool.peak_alive}});
  for (auto& m : out.mined.messages) log_event(spdlog::level::info, "mine", "note", {{"message", m}});
  for (auto& [source, commit] : out.mined.source_commits) say("source " + source + " at " + commit);
  for (auto& f : out.mined.failed_sources) say("source not mined: " + f);
  std::string message = plan.validate ? commit_message(out.summary)
                                      : std::string("lsqm ") + what + ": " +
                                            std::to_string(out.mined.new_count) +
                                            " new architectures";
  keeping(kept_at_commit(repo), [&] {
    if (plan.validate) repo.prune_runs(static_cast<std::size_t>(c.runs_kept));
    repo.commit(message);
  });
  if (publish) repo.push();
  if (!plan.validate)
    say(std::string(what) + ": " + std::to_string(out.mined.new_count) + " new, " +
        std::to_string(out.mined.known) + " known, " + std::to_string(out.mined.skipped) +
        " skipped, " + std::to_string(out.mined.errors) + " unreadable");
  // With a notifier the summary (report path included) has been printed already.
  if (!plan.notify && !out.summary.report_path.empty()) say("Report: " + out.summary.report_path);
  return out.summary.regressions.empty() ? exit_code::ok : exit_code::regressions;
}

PipelinePlan run_plan(const CliOptions&) { return PipelinePlan{}; }

PipelinePlan mine_plan(const CliOptions&) {
  PipelinePlan p;
  p.include_known = false;
  p.generate = false;
  p.validate = false;
  // Mining only records architectures: the generator is not asked (no budget is spent).
  return p;
}

PipelinePlan generate_plan(const CliOptions&) {
  PipelinePlan p;
  p.mine_sources = false;
  p.validate = false;
  return p;
}

PipelinePlan validate_plan(const CliOptions& o) {
  PipelinePlan p;
  p.mine_sources = false;
  p.notify = false;
  p.only = o.arch_hashes;
  return p;
}

void plan_run(const CliOptions& o, const Config& c) { print_plan(c, run_plan(o), "run"); }
void plan_mine(const CliOptions& o, const Config& c) { print_plan(c, mine_plan(o), "mine"); }
void plan_generate(const CliOptions& o, const Config& c) {
  print_plan(c, generate_plan(o), "generate");
}
void plan_validate(const CliOptions& o, const Config& c) {
  print_plan(c, validate_plan(o), "validate");
}

int cmd_run(const CliOptions& o, const Config& c, ArtifactRepo& repo) {
  return pipeline_command(c, repo, run_plan(o), true, "run");
}
int cmd_mine(const CliOptions& o, const Config& c, ArtifactRepo& repo) {
  return pipeline_command(c, repo, mine_plan(o), false, "mine");
}
int cmd_generate(const CliOptions& o, const Config& c, ArtifactRepo& repo) {
  return pipeline_command(c, repo, generate_plan(o), false, "generate");
}
int cmd_validate(const CliOptions& o, const Config& c, ArtifactRepo& repo) {
  return pipeline_command(c, repo, validate_plan(o), false, "validate");
}

void plan_push(const CliOptions&, const Config& c) {
  say("would push the working clone to " + describe_repo(c));
}

int cmd_push(const CliOptions&, const Config& c, ArtifactRepo& repo) {
  close_unfinished_runs(repo.workdir(), "");  // we hold the data dir: none is in progress
  repo.commit("lsqm push: local changes");
  repo.push();
  say("pushed to " + describe_repo(c));
  return exit_code::ok;
}

// The latest recorded run; nothing (and a line that says so) when there is none yet. An
// unreadable latest run throws CorruptFile: it is not "no run" (a CI gate would pass).
std::optional<Baseline> latest_run(const ArtifactRepoReader& repo, const std::string& command) {
  auto latest = load_latest_run(repo.workdir());
  if (latest.summary) return latest;
  if (!latest.run_id.empty())
    throw CorruptFile(repo.workdir() / layout::run_dir(latest.run_id) / "run.json",
                      "the latest run has no summary");
  say(command + ": no run recorded yet; `lsqm run` makes one");
  return std::nullopt;
}

int cmd_compare(const CliOptions&, const Config&, const ArtifactRepoReader& repo) {
  auto latest = latest_run(repo, "compare");
  if (!latest) return exit_code::ok;
  std::cout << summary_text(*latest->summary);
  return latest->summary->regressions.empty() ? exit_code::ok : exit_code::regressions;
}

void plan_report(const CliOptions&, const Config& c) {
  say("would re-render reports/latest/index.html from the latest run in " + describe_repo(c));
}

// Re-renders the dashboard from the latest recorded run into the working clone. It only
// reads the repository: nothing is committed or pushed (`lsqm push` publishes the file).
int cmd_report(const CliOptions&, const Config&, const ArtifactRepoReader& repo) {
  auto latest = latest_run(repo, "report");
  if (!latest) return exit_code::ok;
  auto run_dir = repo.workdir() / layout::run_dir(latest->run_id);
  std::vector<ValidationResult> results;
  for (auto& r : nlohmann::json::parse(read_file(run_dir / "results.json")))
    results.push_back(r.get<ValidationResult>());
  auto report = repo.workdir() / layout::kReportPath;
  write_file_atomic(report, render_report_html(*latest->summary, results, repo.load_index()));
  say("Report: " + report.string() + " (not committed; `lsqm push` publishes it)");
  return exit_code::ok;
}

// Tells people about the latest recorded run again (Slack, or stdout without a webhook).
int cmd_notify(const CliOptions&, const Config& c, const ArtifactRepoReader& repo) {
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

using ReadHandler = int (*)(const CliOptions&, const Config&, const ArtifactRepoReader&);
using WriteHandler = int (*)(const CliOptions&, const Config&, ArtifactRepo&);
using LocalHandler = int (*)(const CliOptions&, const Config&);  // the data dir, no repository
using Plan = void (*)(const CliOptions&, const Config&);  // what a dry run prints instead

struct Command {
  std::string_view name;
  std::string_view description;
  std::variant<std::monostate, ReadHandler, WriteHandler, LocalHandler> handler;  // none: not
                                                                                  // implemented
  Plan plan = nullptr;  // a dry run of a command without one runs it read-only
  bool takes_lock = true;  // the data-dir lock, held for the whole command (not by a plan)
  // Applies mined Terraform: refused before anything is touched when no sandbox can be made.
  bool runs_untrusted_code = false;
};

const std::vector<Command>& command_table() {
  static const std::vector<Command> all = {
      {"sync", "Clone or pull the artifact repository; initialise it when empty", cmd_sync,
       plan_sync},
      {"mine", "Discover architectures in the configured sources and index the new ones",
       cmd_mine, plan_mine},
      {"generate", "Write a pytest test app for each architecture that has none", cmd_generate,
       plan_generate},
      {"validate", "Deploy and test architectures in a fresh emulator", cmd_validate,
       plan_validate, true, true},
      {"report", "Re-render the dashboard from the latest recorded run (never committed or pushed)",
       cmd_report, plan_report},
      {"push", "Commit and push the run's results to the artifact repository", cmd_push,
       plan_push},
      {"notify", "Send the latest run summary to Slack (stdout without a webhook)", cmd_notify},
      {"run", "One-shot run of every stage: sync, mine, generate, validate, report, push, notify",
       cmd_run, plan_run, true, true},
      {"compare", "Show the latest run against the previous one; exit 1 on regressions",
       cmd_compare},
      {"status", "Show the latest run and the artifact repository's state", cmd_status,
       plan_status},
      {"clean",
       "Remove the local cache, scratch files and emulators lsqm started (keeps a clone with "
       "unpushed work)",
       cmd_clean, plan_clean},
      {"watch", "Continuous mode: validate what new upstream commits change", std::monostate{}},
      {"inject", "Run one architecture (directory, template or URL) through the pipeline",
       std::monostate{}},
  };
  return all;
}

// The data dir, checked: lsqm cannot work (or lock) where it cannot write.
fs::path usable_data_dir(const Config& c) {
  auto dir = data_dir_of(c);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || ::access(dir.c_str(), W_OK) != 0) {
    auto why = ec ? ec.message() : std::string(std::strerror(errno));
    throw std::runtime_error("the data dir " + dir.string() + " is not writable (" + why +
                             "); nothing was changed. Point LSQM_DATA_DIR (or data_dir) at a "
                             "writable directory.");
  }
  return dir;
}

bool writes(const Command& c) { return !std::holds_alternative<ReadHandler>(c.handler); }

// Opens what the command may use, nothing more: readers get a read-only repository.
int dispatch(const Command& cmd, const CliOptions& o, const Config& c) {
  if (auto* read = std::get_if<ReadHandler>(&cmd.handler))
    return (*read)(o, c, ArtifactRepoReader::open(repo_options(c)));
  if (auto* write = std::get_if<WriteHandler>(&cmd.handler)) {
    auto repo = ArtifactRepo::sync(repo_options(c));
    return (*write)(o, c, repo);
  }
  return std::get<LocalHandler>(cmd.handler)(o, c);
}

}  // namespace

std::vector<CommandInfo> command_list() {
  std::vector<CommandInfo> out;
  for (const auto& c : command_table()) out.push_back({c.name, c.description, writes(c)});
  return out;
}

int run_command(const CliOptions& options, const Config& config) {
  const Command* cmd = nullptr;
  for (const auto& c : command_table())
    if (c.name == options.command) cmd = &c;
  if (!cmd || std::holds_alternative<std::monostate>(cmd->handler))
    return not_implemented(options.command, std::cerr);
  if (config.dry_run && !cmd->plan && writes(*cmd))  // a table entry error, not a user's
    throw std::logic_error("lsqm " + options.command + " writes and has no dry-run plan");
  try {
    if (config.dry_run && cmd->plan) {  // shows what would happen: no lock, no repository
      cmd->plan(options, config);
      return exit_code::ok;
    }
    std::optional<DataDirLock> lock;
    if (cmd->takes_lock) lock.emplace(usable_data_dir(config));
    if (cmd->runs_untrusted_code) untrusted_code_sandbox_of(config);  // throws when refused
    return dispatch(*cmd, options, config);
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
  } catch (const layout::InvalidName& e) {
    log_failure("repo", "invalid_name", "corrupt_file", e.what());
    std::cerr << "lsqm: the artifact repository holds a malformed name: " << e.what()
              << "\n  nothing was done with it; fix the record that names it\n";
  } catch (const std::exception& e) {
    log_failure(options.command, "failed", "run_failure", e.what());
    std::cerr << "lsqm " << options.command << ": " << e.what() << "\n";
  }
  return exit_code::run_failure;
}

}  // namespace lsqm
