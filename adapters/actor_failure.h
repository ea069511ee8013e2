// An exception escaping an actor's handler (a full disk, an unwritable data dir, a bug) ends
// that actor. CAF's default says only "runtime_error"; this handler makes the error say which
// actor failed and why, logs it once, and lets the command print it.
#pragma once

#include <string>

#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/scheduled_actor.hpp>

namespace lsqm {

// Installs the handler on `self` (call first thing in the actor's behavior function).
void report_exceptions(caf::scheduled_actor* self, std::string actor_name);

// "reporter: cannot write .../results.json: No space left on device" for an error made by that
// handler; CAF's rendering of any other error.
std::string failure_text(const caf::error& e, caf::actor_system& sys);

}  // namespace lsqm
