// container-pool: a fixed number of slots, each with its own port, a fresh emulator per
// acquire and, optionally, one long-lived AWS provider bound to that port. `acquire` is
// parked until a slot is free, so no more than `slots` emulators run.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include "adapters/emulator.h"
#include "adapters/provider_server.h"
#include "messages/interfaces.h"

namespace lsqm {

struct PoolSettings {
  int slots = 4;
  EmulatorSpec emulator;
  std::chrono::milliseconds ready_timeout{30000};
  std::chrono::milliseconds poll_interval{100};
  // A long-lived AWS provider per slot (work_dir is the root of the slots' own dirs); none:
  // every terraform command starts its own provider.
  std::optional<ProviderServerSpec> provider;
};

struct pool_slot {
  Slot slot;
  bool busy = false;
  std::unique_ptr<EmulatorProcess> emulator;
  std::unique_ptr<ProviderServer> provider;  // lives across acquires, bound to the slot's port
  int provider_failures = 0;                 // after two, the slot runs without one
  std::chrono::steady_clock::time_point started;
  caf::typed_response_promise<Slot> promise;  // the acquire this slot is starting for
  bool starting = false;
};

struct container_pool_state {
  PoolSettings settings;
  std::vector<pool_slot> slots;
  std::deque<caf::typed_response_promise<Slot>> waiting;
  PoolStats stats;
  static inline const char* name = "container-pool";
};

// Spawn detached: starting and stopping child processes blocks briefly.
container_pool_actor::behavior_type container_pool(
    container_pool_actor::stateful_pointer<container_pool_state> self, PoolSettings settings);

}  // namespace lsqm
