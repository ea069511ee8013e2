// validator: for each request, acquires an emulator slot, runs the blocking validation job
// in a detached worker (one per slot), releases the slot and answers with the verdict.
#pragma once

#include <caf/typed_event_based_actor.hpp>

#include "actors/validator/validation_job.h"
#include "messages/interfaces.h"

namespace lsqm {

// The worker's contract: one job, one verdict, on a thread of its own.
using validation_worker_actor = caf::typed_actor<
    // Run the whole validation of one architecture in the given slot.
    caf::replies_to<validate_atom, Architecture, TestApp, Slot>::with<ValidationResult>>;

struct validator_state {
  // Not an aggregate: CAF would otherwise try to build the state from the actor pointer.
  validator_state() = default;
  container_pool_actor pool;
  ValidationSettings settings;
  static inline const char* name = "validator";
};

validator_actor::behavior_type validator(validator_actor::stateful_pointer<validator_state> self,
                                         container_pool_actor pool, ValidationSettings settings);

}  // namespace lsqm
