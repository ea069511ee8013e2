#include "actors/generator/generator_actor.h"

#include <caf/typed_response_promise.hpp>

#include "actors/generator/rules.h"
#include "adapters/atomic_file.h"
#include "adapters/event_log.h"
#include "adapters/python_check.h"
#include "adapters/clock.h"
#include "adapters/actor_failure.h"

namespace lsqm {
namespace fs = std::filesystem;
namespace {

const char* const kAppFiles[] = {"conftest.py", "app.py", "test_app.py", "requirements.txt"};

void save_app(const fs::path& dir, const TestApp& app) {
  for (auto& [name, content] : app.files) write_file_atomic(dir / name, content);
  nlohmann::json meta = app;
  meta.erase("files");
  meta["generator_version"] = kRulesGeneratorVersion;
  // generation.json last: an app without it is never taken for current.
  write_file_atomic(dir / "generation.json", meta.dump(2) + "\n");
}

GenerationOutcome skipped(const std::string& why) {
  GenerationOutcome out;
  out.skip_reason = why;
  return out;
}

// Generates with the rules; the grant is settled with 0 tokens whatever happens.
GenerationOutcome generate_with_rules(const GeneratorSettings& s, const Architecture& arch) {
  TestApp app;
  app.arch_hash = arch.hash;
  app.files = generate_rule_app(arch, s.region);
  app.generator = "rules";
  app.generated_at = utc_now_iso();
  if (auto err = python_syntax_error(s.python, app.files))
    return skipped("generated app does not compile: " + *err);
  if (!s.dry_run) save_app(s.app_store / arch.hash, app);
  GenerationOutcome out;
  out.ok = true;
  out.app = std::move(app);
  return out;
}

}  // namespace

std::optional<TestApp> load_current_app(const fs::path& app_store, const std::string& hash) {
  auto dir = app_store / hash;
  if (!fs::exists(dir / "generation.json")) return std::nullopt;
  try {
    auto meta = nlohmann::json::parse(read_file(dir / "generation.json"));
    if (meta.value("generator", "") != "rules" ||
        meta.value("generator_version", "") != kRulesGeneratorVersion)
      return std::nullopt;
    auto app = meta.get<TestApp>();
    for (auto name : kAppFiles) app.files[name] = read_file(dir / name);
    return app;
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable or partial: generate a new one
  }
}

generator_actor::behavior_type generator(generator_actor::stateful_pointer<generator_state> self,
                                         token_budget_actor budget, GeneratorSettings settings) {
  report_exceptions(self, "generator");
  self->state.budget = budget;
  self->state.settings = settings;
  return {
      [=](generate_atom,
          const Architecture& arch) -> caf::typed_response_promise<GenerationOutcome> {
        auto rp = self->make_response_promise<GenerationOutcome>();
        if (auto app = load_current_app(self->state.settings.app_store, arch.hash)) {
          GenerationOutcome out;
          out.ok = out.reused = true;
          out.app = std::move(*app);
          rp.deliver(std::move(out));
          return rp;
        }
        // The rule-based generator spends no tokens but still asks: a spent budget stops it.
        self->request(self->state.budget, caf::infinite, reserve_atom::value, std::uint64_t{0})
            .then(
                [=](const BudgetGrant& grant) mutable {
                  if (!grant.granted) {
                    log_event(spdlog::level::info, "generate", "budget_denied",
                              {{"arch", arch.hash}});
                    rp.deliver(skipped("token budget exhausted"));
                    return;
                  }
                  GenerationOutcome out;
                  try {
                    out = generate_with_rules(self->state.settings, arch);
                  } catch (const std::exception& e) {
                    out = skipped(std::string("app could not be saved: ") + e.what());
                  }
                  self->send(self->state.budget, settle_atom::value, grant.id, std::uint64_t{0});
                  log_event(out.ok ? spdlog::level::info : spdlog::level::warn, "generate",
                            out.ok ? "generated" : "skipped",
                            {{"arch", arch.hash}, {"reason", out.skip_reason}});
                  rp.deliver(std::move(out));
                },
                [=](caf::error& err) mutable {
                  rp.deliver(skipped("token budget unavailable: " + self->system().render(err)));
                });
        return rp;
      },
  };
}

}  // namespace lsqm
