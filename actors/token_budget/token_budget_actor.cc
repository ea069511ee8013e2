#include "actors/token_budget/token_budget_actor.h"
#include "adapters/actor_failure.h"

namespace lsqm {

token_budget_actor::behavior_type token_budget(
    token_budget_actor::stateful_pointer<token_budget_state> self, std::uint64_t budget) {
  report_exceptions(self, "token_budget");
  self->state.ledger = BudgetLedger{budget};
  return {
      [=](reserve_atom, std::uint64_t estimate) { return self->state.ledger.reserve(estimate); },
      [=](settle_atom, std::uint64_t id, std::uint64_t actual) {
        self->state.ledger.settle(id, actual);
      },
      [=](usage_atom) { return self->state.ledger.usage(); },
  };
}

}  // namespace lsqm
