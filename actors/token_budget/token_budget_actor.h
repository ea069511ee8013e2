// token-budget: hands out reservations against the run's token budget.
#pragma once

#include <caf/typed_event_based_actor.hpp>

#include "actors/token_budget/budget_ledger.h"
#include "messages/interfaces.h"

namespace lsqm {

struct token_budget_state {
  BudgetLedger ledger{0};
  static inline const char* name = "token-budget";
};

token_budget_actor::behavior_type token_budget(
    token_budget_actor::stateful_pointer<token_budget_state> self, std::uint64_t budget);

}  // namespace lsqm
