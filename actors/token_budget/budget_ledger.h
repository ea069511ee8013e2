// The run's token budget as plain bookkeeping: grants, settlements, denials.
#pragma once

#include <cstdint>
#include <map>

#include "messages/test_app.h"

namespace lsqm {

class BudgetLedger {
 public:
  explicit BudgetLedger(std::uint64_t budget) : budget_(budget) {}

  // Granted when the estimate fits what is neither spent nor reserved. Once nothing is
  // left, every reservation is denied, even one of 0 tokens: a spent budget stops
  // generation, whatever the generator.
  BudgetGrant reserve(std::uint64_t estimate);

  // Books the tokens actually used and frees the rest of the grant. Unknown ids (settled
  // twice, never granted) are ignored. Actual use above the grant is still booked.
  void settle(std::uint64_t grant_id, std::uint64_t actual);

  BudgetUsage usage() const;

 private:
  std::uint64_t remaining() const;

  std::uint64_t budget_;
  std::uint64_t spent_ = 0;
  std::uint64_t reserved_ = 0;
  std::uint64_t denied_ = 0;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, std::uint64_t> open_;  // grant id -> amount
};

}  // namespace lsqm
