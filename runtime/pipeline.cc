#include "runtime/pipeline.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "actors/reporter/compare.h"
#include "actors/reporter/confirmation.h"
#include "adapters/event_log.h"
#include "adapters/actor_failure.h"

namespace lsqm {
namespace {

using pipeline_ptr = pipeline_actor::stateful_pointer<pipeline_state>;

void pull_more(pipeline_ptr self);
void maybe_close(pipeline_ptr self);

void work_done(pipeline_ptr self) {
  --self->state.counts.in_flight;
  pull_more(self);
  maybe_close(self);
}

void show_progress(const pipeline_state& st) {
  if (!st.progress_on_terminal) return;
  auto& c = st.counts;
  std::printf("\r[lsqm] %d validated, %d in flight: PASSED %d  PARTIAL %d  FAILED %d  TIMEOUT %d  "
              "ERROR %d ",
              c.validated, c.in_flight - 1, c.by_status[0], c.by_status[1], c.by_status[2],
              c.by_status[3], c.by_status[4]);
  std::fflush(stdout);
}

void record(pipeline_ptr self, const Architecture& arch, const ValidationResult& result) {
  ++self->state.counts.validated;
  ++self->state.counts.by_status[static_cast<int>(result.status)];
  show_progress(self->state);
  log_event(spdlog::level::info, "validate", "verdict",
            {{"arch", arch.hash}, {"name", arch.name}, {"status", to_string(result.status)},
             {"reached", result.stage}, {"duration_s", result.duration_s},
             {"flaky", result.flaky}});
  self->request(self->state.actors.reporter, caf::infinite, record_atom::value, arch, result)
      .then([=](bool) { work_done(self); },
            [=](caf::error& err) {
              log_event(spdlog::level::err, "report", "record_failed",
                        {{"arch", arch.hash},
                         {"error", {{"type", "reporter"}, {"message", failure_text(err, self->system())}}}});
              work_done(self);
            });
}

// A verdict that would regress against the previous run may be a fluke of this run (a
// loaded machine, a slow emulator start), and so may a failure on nothing but transient
// answers: either counts only if a second attempt fails the same way.
bool needs_confirmation(const pipeline_state& st, const ValidationResult& r, int attempt) {
  if (attempt != 1) return false;
  if (r.only_transient) return true;
  auto previous = st.baseline.find(r.arch_hash);
  return previous != st.baseline.end() && is_regression(previous->second, r.status);
}

// `first`: the result a confirmation run re-checks; the two are settled into one verdict.
void validate(pipeline_ptr self, const Architecture& arch, const TestApp& app, int attempt = 1,
              std::optional<ValidationResult> first = std::nullopt) {
  self->request(self->state.actors.validator, caf::infinite, validate_atom::value, arch, app)
      .then(
          [=](ValidationResult r) {
            r.attempts = attempt;
            if (first) return record(self, arch, settle_confirmation(*first, std::move(r)));
            if (!needs_confirmation(self->state, r, attempt)) return record(self, arch, r);
            ++self->state.reruns;
            log_event(spdlog::level::info, "validate", "confirming",
                      {{"arch", arch.hash}, {"name", arch.name},
                       {"why", r.only_transient ? "failed on transient answers only"
                                                : "would regress"},
                       {"status", to_string(r.status)}});
            validate(self, arch, app, attempt + 1, r);
          },
          [=](caf::error& err) {
            ValidationResult r;
            r.arch_hash = arch.hash;
            r.arch_name = arch.name;
            r.status = Status::ERROR;
            r.error = {"validator", failure_text(err, self->system())};
            r.attempts = attempt;
            record(self, arch, r);
          });
}

void generate(pipeline_ptr self, const Architecture& arch) {
  self->request(self->state.actors.generator, caf::infinite, generate_atom::value, arch)
      .then(
          [=](const GenerationOutcome& out) {
            auto& c = self->state.counts;
            if (!out.ok) {
              ++c.generation_skipped;
              log_event(spdlog::level::info, "generate", "no_app",
                        {{"arch", arch.hash}, {"reason", out.skip_reason}});
              return work_done(self);
            }
            if (!out.reused) ++c.generated;
            if (!self->state.actors.validator) return work_done(self);
            validate(self, arch, out.app);
          },
          [=](caf::error& err) {
            ++self->state.counts.generation_skipped;
            log_event(spdlog::level::err, "generate", "failed",
                      {{"arch", arch.hash},
                       {"error", {{"type", "generator"}, {"message", failure_text(err, self->system())}}}});
            work_done(self);
          });
}

void admit(pipeline_ptr self, const Architecture& arch) {
  auto& c = self->state.counts;
  ++c.yielded;
  if (!arch.skip_reason.empty()) {
    ++c.skipped;
    log_event(spdlog::level::info, "mine", "skipped",
              {{"arch", arch.hash}, {"name", arch.name}, {"reason", arch.skip_reason}});
    return;
  }
  if (!self->state.actors.generator) return;  // mining only
  ++c.in_flight;
  c.max_in_flight = std::max(c.max_in_flight, c.in_flight);
  generate(self, arch);
}

// Credit-based demand: ask the miner only for what the window has room for.
void pull_more(pipeline_ptr self) {
  auto& st = self->state;
  if (st.pulling || st.miner_done || st.closing) return;
  auto room = static_cast<int>(st.window) - st.counts.in_flight;
  if (room <= 0) return;
  st.pulling = true;
  self->request(st.actors.miner, caf::infinite, pull_atom::value, static_cast<std::uint32_t>(room))
      .then(
          [=](const MineBatch& batch) {
            self->state.pulling = false;
            self->state.miner_done = batch.done;
            for (auto& arch : batch.architectures) admit(self, arch);
            pull_more(self);
            maybe_close(self);
          },
          [=](caf::error& err) {
            self->state.pulling = false;
            self->state.miner_done = true;  // a broken miner ends mining, not the run
            log_event(spdlog::level::err, "mine", "failed",
                      {{"error", {{"type", "miner"}, {"message", failure_text(err, self->system())}}}});
            maybe_close(self);
          });
}

void finish(pipeline_ptr self, const MiningSummary& mined) {
  auto& st = self->state;
  st.info.new_architectures = mined.new_count;
  st.info.skipped_architectures = st.counts.skipped;
  st.info.generation_skipped = st.counts.generation_skipped;
  if (!st.actors.reporter || !st.actors.validator) {
    RunSummary s;
    s.run_id = st.info.run_id;
    s.new_architectures = mined.new_count;
    s.skipped_architectures = st.counts.skipped;
    s.generation_skipped = st.counts.generation_skipped;
    st.done.deliver(s);
    return;
  }
  self->request(st.actors.reporter, caf::infinite, finish_atom::value, st.info)
      .then(
          [=](const RunSummary& summary) {
            if (self->state.progress_on_terminal) std::printf("\n");
            if (!self->state.actors.notifier) {
              self->state.done.deliver(summary);
              return;
            }
            self->request(self->state.actors.notifier, caf::infinite, notify_atom::value, summary)
                .then([=](const DeliveryReport&) { self->state.done.deliver(summary); },
                      [=](caf::error&) { self->state.done.deliver(summary); });
          },
          [=](caf::error& err) { self->state.done.deliver(err); });
}

void maybe_close(pipeline_ptr self) {
  auto& st = self->state;
  if (!st.miner_done || st.counts.in_flight > 0 || st.pulling || st.closing) return;
  st.closing = true;
  self->request(st.actors.miner, caf::infinite, summary_atom::value)
      .then([=](const MiningSummary& mined) { finish(self, mined); },
            [=](caf::error&) { finish(self, MiningSummary{}); });
}

}  // namespace

pipeline_actor::behavior_type pipeline(pipeline_ptr self, PipelineActors actors, RunInfo info,
                                       std::uint32_t window, std::map<std::string, Status> baseline) {
  report_exceptions(self, "pipeline");
  self->state.baseline = std::move(baseline);
  self->state.actors = std::move(actors);
  self->state.info = std::move(info);
  self->state.window = std::max<std::uint32_t>(1, window);
  self->state.progress_on_terminal = ::isatty(STDOUT_FILENO) == 1;
  return {
      [=](run_atom) -> caf::typed_response_promise<RunSummary> {
        self->state.done = self->make_response_promise<RunSummary>();
        pull_more(self);
        return self->state.done;
      },
  };
}

}  // namespace lsqm
