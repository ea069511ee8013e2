#include "runtime/run_pipeline.h"

#include <caf/all.hpp>

#include "actors/container_pool/container_pool_actor.h"
#include "actors/generator/generator_actor.h"
#include "actors/miner/miner_actor.h"
#include "actors/notifier/notifier_actor.h"
#include "actors/reporter/reporter_actor.h"
#include "actors/reporter/unfinished_runs.h"
#include "actors/token_budget/token_budget_actor.h"
#include "actors/validator/validator_actor.h"
#include "adapters/actor_failure.h"
#include "adapters/clock.h"
#include "runtime/interrupt.h"
#include "runtime/pipeline.h"
#include "runtime/settings.h"

namespace lsqm {
namespace {

template <class Reply, class Handle, class... Ts>
Reply ask(caf::scoped_actor& self, const Handle& who, Ts&&... xs) {
  Reply out{};
  std::string failure;
  self->request(who, caf::infinite, std::forward<Ts>(xs)...)
      .receive([&](Reply& r) { out = std::move(r); },
               [&](caf::error& e) { failure = failure_text(e, self->system()); });
  if (!failure.empty()) throw std::runtime_error(failure);
  return out;
}

}  // namespace

PipelineOutcome run_pipeline(const Config& config, ArtifactRepo& repo, const nlohmann::json& index,
                             const PipelinePlan& plan, const std::string& run_id) {
  // Before any actor starts: without a sandbox (and without "sandbox": "off") nothing mined
  // is applied, and the refusal says why (SandboxUnavailable).
  std::optional<ValidationSettings> vs;
  if (plan.validate) vs = validation_settings(config);  // also searches for the mirror: once
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto workdir = repo.workdir();

  MinerSettings ms;
  if (plan.mine_sources) ms.sources = sources_of(config);
  ms.git = git_source_settings(config);
  ms.repo_workdir = workdir;
  ms.catalog = service_catalog(config);
  ms.include_known = plan.include_known;
  ms.only = plan.only;
  ms.dry_run = config.dry_run;
  ms.policy.registry_modules = config.terraform_registry_modules;
  ms.normalize.region = config.region;
  if (plan.mine_sources) ms.admission = admission_settings(config);
  auto miner_a = sys.spawn<caf::detached>(miner, ms, index);

  auto budget = sys.spawn(token_budget, static_cast<std::uint64_t>(config.token_budget));
  GeneratorSettings gs;
  gs.app_store = workdir / "apps";
  gs.python = config.python;
  gs.region = config.region;
  gs.dry_run = config.dry_run;
  auto generator_a = sys.spawn<caf::detached>(generator, budget, gs);

  PipelineActors actors;
  actors.miner = miner_a;
  if (plan.generate) actors.generator = generator_a;
  container_pool_actor pool;
  Baseline baseline;
  std::filesystem::path scratch;  // this run's validation work dir, removed at the end
  if (plan.validate) {
    pool = sys.spawn<caf::detached>(
        container_pool, pool_settings(config, vs->plugin_dir, vs->work_root, vs->sandbox));
    scratch = vs->work_root;
    set_interrupt_cleanup(scratch);
    actors.validator = sys.spawn(validator, pool, *vs);
    ReporterSettings rs;
    rs.workdir = workdir;
    rs.run_id = run_id;
    rs.trend_runs = static_cast<std::size_t>(config.runs_kept);
    rs.secrets = secret_values(config);
    if (!config.dry_run) close_unfinished_runs(workdir, run_id);
    baseline = load_baseline(workdir, run_id);
    actors.reporter = sys.spawn<caf::detached>(reporter, rs, baseline);
    if (plan.notify) {
      NotifierSettings ns;
      ns.slack_webhook_url = config.slack_webhook_url;
      ns.dry_run = config.dry_run;
      actors.notifier = sys.spawn<caf::detached>(notifier, ns);
    }
  }

  RunInfo info;
  info.run_id = run_id;
  info.started_at = utc_now_iso();
  info.emulator = config.emulator_command.substr(0, config.emulator_command.find(' '));
  info.config_json = snapshot(config).dump();
  // The window bounds what sits between miner and reporter: enough to keep every slot busy
  // while the generator works ahead, never the whole mine.
  auto window = static_cast<std::uint32_t>(std::max(2, config.parallel * 2));
  auto coordinator = sys.spawn(pipeline, actors, info, window, baseline.statuses);

  PipelineOutcome out;
  std::exception_ptr failure;
  try {
    out.summary = ask<RunSummary>(self, coordinator, run_atom::value);
    out.mined = ask<MiningSummary>(self, miner_a, summary_atom::value);
    out.budget = ask<BudgetUsage>(self, budget, usage_atom::value);
    if (pool) out.pool = ask<PoolStats>(self, pool, stats_atom::value);
  } catch (...) {
    failure = std::current_exception();
  }
  // Actors holding parked promises keep the system alive: stop every one of them.
  std::vector<caf::actor> all = {
      caf::actor_cast<caf::actor>(coordinator), caf::actor_cast<caf::actor>(miner_a),
      caf::actor_cast<caf::actor>(generator_a), caf::actor_cast<caf::actor>(budget)};
  for (auto a : {caf::actor_cast<caf::actor>(actors.validator), caf::actor_cast<caf::actor>(pool),
                 caf::actor_cast<caf::actor>(actors.reporter),
                 caf::actor_cast<caf::actor>(actors.notifier)})
    if (a) all.push_back(a);
  for (auto& a : all) self->send_exit(a, caf::exit_reason::user_shutdown);
  if (!scratch.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
  }
  if (failure) std::rethrow_exception(failure);
  return out;
}

}  // namespace lsqm
