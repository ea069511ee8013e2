#include <catch2/catch.hpp>

#include "actors/reporter/compare.h"

using namespace lsqm;
using S = Status;

TEST_CASE("regression and fix transitions", "[reporter]") {
  CHECK(is_regression(S::PASSED, S::FAILED));
  CHECK(is_regression(S::PASSED, S::PARTIAL));
  CHECK(is_regression(S::PASSED, S::TIMEOUT));
  CHECK(is_regression(S::PARTIAL, S::FAILED));
  CHECK(is_regression(S::PARTIAL, S::TIMEOUT));
  CHECK_FALSE(is_regression(S::FAILED, S::TIMEOUT));
  CHECK_FALSE(is_regression(S::TIMEOUT, S::FAILED));
  CHECK_FALSE(is_regression(S::PASSED, S::PASSED));
  CHECK_FALSE(is_regression(S::PASSED, S::ERROR));
  CHECK_FALSE(is_regression(S::ERROR, S::FAILED));
  CHECK(is_fix(S::FAILED, S::PASSED));
  CHECK(is_fix(S::TIMEOUT, S::PARTIAL));
  CHECK(is_fix(S::PARTIAL, S::PASSED));
  CHECK_FALSE(is_fix(S::ERROR, S::PASSED));
  CHECK_FALSE(is_fix(S::PASSED, S::ERROR));
  CHECK_FALSE(is_fix(S::FAILED, S::TIMEOUT));
}

TEST_CASE("compare_runs finds regressions and fixes, ignoring one-sided architectures", "[reporter]") {
  std::map<std::string, Status> prev = {
      {"a", S::PASSED}, {"b", S::PARTIAL}, {"c", S::FAILED}, {"d", S::PASSED},
      {"e", S::ERROR},  {"gone", S::PASSED}};
  std::map<std::string, Status> cur = {
      {"a", S::FAILED}, {"b", S::TIMEOUT}, {"c", S::PASSED}, {"d", S::ERROR},
      {"e", S::PASSED}, {"new", S::FAILED}};
  auto c = compare_runs(prev, cur, "r1", "r2", {{"a", "alpha"}});
  REQUIRE(c.regressions.size() == 2);
  CHECK(c.regressions[0].arch_hash == "a");
  CHECK(c.regressions[0].arch_name == "alpha");
  CHECK(c.regressions[0].previous_run == "r1");
  CHECK(c.regressions[0].current_run == "r2");
  CHECK(c.regressions[0].previous_status == S::PASSED);
  CHECK(c.regressions[0].current_status == S::FAILED);
  CHECK(c.regressions[1].arch_hash == "b");
  CHECK(c.regressions[1].arch_name.empty());
  REQUIRE(c.fixes.size() == 1);
  CHECK(c.fixes[0].arch_hash == "c");
  CHECK(find_regressions(prev, cur, "r1", "r2").size() == 2);
  CHECK(find_fixes(prev, cur, "r1", "r2").size() == 1);
  CHECK(compare_runs({}, cur, "", "r2").regressions.empty());
}
