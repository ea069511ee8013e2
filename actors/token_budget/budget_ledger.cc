#include "actors/token_budget/budget_ledger.h"

namespace lsqm {

std::uint64_t BudgetLedger::remaining() const {
  auto used = spent_ + reserved_;
  return used >= budget_ ? 0 : budget_ - used;
}

BudgetGrant BudgetLedger::reserve(std::uint64_t estimate) {
  auto left = remaining();
  if (left == 0 || estimate > left) {
    ++denied_;
    return {0, estimate, false};
  }
  auto id = next_id_++;
  open_[id] = estimate;
  reserved_ += estimate;
  return {id, estimate, true};
}

void BudgetLedger::settle(std::uint64_t grant_id, std::uint64_t actual) {
  auto it = open_.find(grant_id);
  if (it == open_.end()) return;
  reserved_ -= it->second;
  spent_ += actual;
  open_.erase(it);
}

BudgetUsage BudgetLedger::usage() const { return {budget_, spent_, reserved_, denied_}; }

}  // namespace lsqm
