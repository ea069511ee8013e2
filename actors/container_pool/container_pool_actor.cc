#include "actors/container_pool/container_pool_actor.h"

#include <algorithm>

#include "adapters/event_log.h"

namespace lsqm {
namespace {

using pool_ptr = container_pool_actor::stateful_pointer<container_pool_state>;

void emulator_stopped(pool_ptr self, pool_slot& s) {
  if (!s.emulator) return;
  s.emulator->stop();
  s.emulator.reset();
  --self->state.stats.alive;
}

void deliver_failure(pool_ptr self, pool_slot& s, const std::string& why) {
  auto& st = self->state;
  s.slot.ok = false;
  s.slot.error = why;
  s.slot.logs = s.emulator ? s.emulator->logs() : "";
  emulator_stopped(self, s);
  s.starting = false;
  ++st.stats.failed;
  log_event(spdlog::level::warn, "pool", "emulator_failed",
            {{"slot", s.slot.id}, {"port", s.slot.port}, {"error", {{"type", "emulator_not_ready"},
                                                                    {"message", why}}}});
  s.promise.deliver(s.slot);  // the validator records ERROR and releases the slot
}

// Starts the slot's provider when it has none running. A provider that fails twice is not
// started again: the slot's validations then start their own, as without one.
void ensure_provider(pool_ptr self, pool_slot& s) {
  auto& st = self->state;
  if (!st.settings.provider || s.provider_failures >= 2) return;
  if (s.provider && s.provider->running()) return;
  if (s.provider) {
    ++s.provider_failures;
    log_event(spdlog::level::warn, "pool", "provider_exited",
              {{"slot", s.slot.id}, {"output", s.provider->logs().substr(0, 2000)}});
    s.provider.reset();
    if (s.provider_failures >= 2) return;
  }
  auto spec = *st.settings.provider;
  spec.work_dir /= "slot-" + std::to_string(s.slot.id);
  try {
    s.provider = ProviderServer::start(spec, s.slot.endpoint, s.slot.port);
  } catch (const std::exception& e) {
    ++s.provider_failures;
    log_event(spdlog::level::warn, "pool", "provider_not_started",
              {{"slot", s.slot.id}, {"error", {{"type", "provider_start"}, {"message", e.what()}}}});
  }
}

// Ready for terraform: the provider has printed its reattach line, or will not.
bool provider_settled(pool_ptr self, pool_slot& s) {
  if (!s.provider || !s.provider->reattach().empty() || !s.provider->running()) return true;
  return std::chrono::steady_clock::now() - s.started > self->state.settings.ready_timeout;
}

void start_emulator(pool_ptr self, pool_slot& s, caf::typed_response_promise<Slot> rp) {
  auto& st = self->state;
  s.busy = true;
  s.promise = std::move(rp);
  s.slot.ok = false;
  s.slot.error.clear();
  s.slot.logs.clear();
  try {
    s.emulator = EmulatorProcess::start(st.settings.emulator, s.slot.port);
  } catch (const std::exception& e) {
    deliver_failure(self, s, std::string("emulator could not be started: ") + e.what());
    return;
  }
  ensure_provider(self, s);
  ++st.stats.alive;
  ++st.stats.started;
  st.stats.peak_alive = std::max(st.stats.peak_alive, st.stats.alive);
  s.started = std::chrono::steady_clock::now();
  s.starting = true;
  self->delayed_send(self, st.settings.poll_interval, tick_atom::value, s.slot.id);
}

void poll_readiness(pool_ptr self, int id) {
  auto& st = self->state;
  if (id < 0 || id >= static_cast<int>(st.slots.size())) return;
  auto& s = st.slots[id];
  if (!s.starting || !s.emulator) return;
  if (s.emulator->ready() && provider_settled(self, s)) {
    s.starting = false;
    s.slot.ok = true;
    s.slot.provider_reattach = s.provider ? s.provider->reattach() : "";
    s.slot.provider_version = s.slot.provider_reattach.empty() ? "" : s.provider->version();
    log_event(spdlog::level::debug, "pool", "emulator_ready",
              {{"slot", id}, {"port", s.slot.port}, {"shared_provider", s.slot.provider_version}});
    s.promise.deliver(s.slot);
    return;
  }
  if (!s.emulator->running()) return deliver_failure(self, s, "emulator exited before it was ready");
  if (std::chrono::steady_clock::now() - s.started > st.settings.ready_timeout)
    return deliver_failure(self, s, "emulator not ready within " +
                                        std::to_string(st.settings.ready_timeout.count()) + " ms");
  self->delayed_send(self, st.settings.poll_interval, tick_atom::value, id);
}

void release_slot(pool_ptr self, const Slot& slot) {
  auto& st = self->state;
  if (slot.id < 0 || slot.id >= static_cast<int>(st.slots.size())) return;
  auto& s = st.slots[slot.id];
  if (!s.busy) return;  // released twice: nothing to do
  emulator_stopped(self, s);
  s.busy = false;
  s.starting = false;
  if (st.waiting.empty()) return;
  auto next = std::move(st.waiting.front());
  st.waiting.pop_front();
  start_emulator(self, s, std::move(next));
}

}  // namespace

container_pool_actor::behavior_type container_pool(pool_ptr self, PoolSettings settings) {
  auto& st = self->state;
  st.settings = settings;
  st.slots.resize(std::max(1, settings.slots));
  for (int i = 0; i < static_cast<int>(st.slots.size()); ++i) {
    auto& slot = st.slots[i].slot;
    slot.id = i;
    slot.port = find_free_port();  // a slot keeps its port: a fresh emulator restarts on it
    slot.endpoint = "http://127.0.0.1:" + std::to_string(slot.port);
    auto argv = emulator_argv(settings.emulator.command, slot.port);
    slot.emulator = argv.empty() ? "" : argv.front();
  }
  st.stats.slots = static_cast<int>(st.slots.size());
  // Emulators still running when the pool goes down are stopped by ~EmulatorProcess.
  return {
      [=](acquire_atom) -> caf::typed_response_promise<Slot> {
        auto rp = self->make_response_promise<Slot>();
        auto& slots = self->state.slots;
        auto free = std::find_if(slots.begin(), slots.end(), [](auto& s) { return !s.busy; });
        if (free == slots.end())
          self->state.waiting.push_back(rp);
        else
          start_emulator(self, *free, rp);
        return rp;
      },
      [=](release_atom, const Slot& slot) { release_slot(self, slot); },
      [=](stats_atom) { return self->state.stats; },
      [=](tick_atom, int id) { poll_readiness(self, id); },
  };
}

}  // namespace lsqm
