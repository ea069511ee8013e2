#include "actors/reporter/confirmation.h"

#include <algorithm>
#include <set>


namespace lsqm {
namespace {

bool share_any(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> left(a.begin(), a.end());
  return std::any_of(b.begin(), b.end(), [&](auto& x) { return left.count(x) > 0; });
}

}  // namespace

bool same_failure(const ValidationResult& a, const ValidationResult& b) {
  if (a.status != b.status) return false;
  bool a_names = !a.failed_operations.empty() || !a.failed_tests.empty();
  bool b_names = !b.failed_operations.empty() || !b.failed_tests.empty();
  if (a_names || b_names)
    return share_any(a.failed_operations, b.failed_operations) ||
           share_any(a.failed_tests, b.failed_tests);
  return a.error.type == b.error.type && a.stage == b.stage;
}

std::string failure_line(const ValidationResult& r) {
  std::string out = std::string(to_string(r.status)) + " at " + r.stage;
  std::vector<std::string> named = r.failed_operations;
  named.insert(named.end(), r.failed_tests.begin(), r.failed_tests.end());
  if (named.empty() && !r.error.type.empty()) named.push_back(r.error.type);
  for (std::size_t i = 0; i < named.size() && i < 5; ++i)
    out += (i == 0 ? ": " : ", ") + named[i].substr(0, 200);
  if (named.size() > 5) out += ", …";
  return out;
}

ValidationResult settle_confirmation(const ValidationResult& first, ValidationResult second) {
  if (same_failure(first, second)) return second;
  second.flaky = "first run " + failure_line(first) + "; confirmation run " +
                 (second.status == Status::PASSED ? "PASSED" : failure_line(second));
  return second;
}

}  // namespace lsqm
