// The contracts between the actors: atoms and one typed_actor interface per actor.
#pragma once

#include <cstdint>

#include <caf/typed_actor.hpp>
#include <caf/atom.hpp>
#include <caf/replies_to.hpp>

#include "messages/architecture.h"
#include "messages/run.h"
#include "messages/test_app.h"
#include "messages/validation_result.h"

namespace lsqm {

using pull_atom = caf::atom_constant<caf::atom("pull")>;
using summary_atom = caf::atom_constant<caf::atom("summary")>;
using reserve_atom = caf::atom_constant<caf::atom("reserve")>;
using settle_atom = caf::atom_constant<caf::atom("settle")>;
using usage_atom = caf::atom_constant<caf::atom("usage")>;
using generate_atom = caf::atom_constant<caf::atom("generate")>;
using acquire_atom = caf::atom_constant<caf::atom("acquire")>;
using release_atom = caf::atom_constant<caf::atom("release")>;
using stats_atom = caf::atom_constant<caf::atom("stats")>;
using tick_atom = caf::atom_constant<caf::atom("tick")>;
using validate_atom = caf::atom_constant<caf::atom("validate")>;
using record_atom = caf::atom_constant<caf::atom("record")>;
using finish_atom = caf::atom_constant<caf::atom("finish")>;
using notify_atom = caf::atom_constant<caf::atom("notify")>;
using run_atom = caf::atom_constant<caf::atom("run")>;

using miner_actor = caf::typed_actor<
    // Up to `credit` more architectures (new, changed, or known for re-validation);
    // done == true once every source is exhausted.
    caf::replies_to<pull_atom, std::uint32_t>::with<MineBatch>,
    // Totals of what was scanned, yielded, skipped and failed so far.
    caf::replies_to<summary_atom>::with<MiningSummary>>;

using token_budget_actor = caf::typed_actor<
    // Reserve an estimated number of tokens: a grant, or a denial once the budget is spent.
    caf::replies_to<reserve_atom, std::uint64_t>::with<BudgetGrant>,
    // Settle a grant (by id) with the tokens actually used; frees the unused remainder.
    caf::reacts_to<settle_atom, std::uint64_t, std::uint64_t>,
    // Budget, spent, reserved and denied so far.
    caf::replies_to<usage_atom>::with<BudgetUsage>>;

using generator_actor = caf::typed_actor<
    // A test app for the architecture (fresh, or the stored one when current), or a skip.
    caf::replies_to<generate_atom, Architecture>::with<GenerationOutcome>>;

using container_pool_actor = caf::typed_actor<
    // A slot with a fresh, ready emulator; answered only once a slot is free.
    caf::replies_to<acquire_atom>::with<Slot>,
    // Stop the slot's emulator and hand the slot to the next waiting acquire.
    caf::reacts_to<release_atom, Slot>,
    // Slots, emulators alive now and at peak, starts and failed starts.
    caf::replies_to<stats_atom>::with<PoolStats>,
    // Internal: poll the readiness of the emulator starting in slot `id`.
    caf::reacts_to<tick_atom, int>>;

using validator_actor = caf::typed_actor<
    // Deploy the architecture in a fresh emulator, run its app, tear down: the verdict.
    caf::replies_to<validate_atom, Architecture, TestApp>::with<ValidationResult>>;

using reporter_actor = caf::typed_actor<
    // Keep one verdict of this run (its log is written at once).
    caf::replies_to<record_atom, Architecture, ValidationResult>::with<bool>,
    // Close the run: compare with the previous run, write run files, trends, dashboard.
    caf::replies_to<finish_atom, RunInfo>::with<RunSummary>>;

using notifier_actor = caf::typed_actor<
    // Tell people: Slack (or stdout without a webhook), GitHub issues for regressions.
    caf::replies_to<notify_atom, RunSummary>::with<DeliveryReport>>;

}  // namespace lsqm
