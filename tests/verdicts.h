// A verdict for tests that only care whose it is and what it says.
#pragma once

#include <string>

#include "messages/validation_result.h"

namespace lsqm::testing {

inline ValidationResult verdict(const std::string& arch_hash, Status status) {
  ValidationResult r;
  r.arch_hash = arch_hash;
  r.status = status;
  return r;
}

}  // namespace lsqm::testing
