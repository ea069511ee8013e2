#include <catch2/catch.hpp>

#include <set>

#include "actors/reporter/run_id.h"

using namespace lsqm;

TEST_CASE("run ids are UTC time plus the suffix, and sort by time", "[reporter]") {
  using namespace std::chrono;
  system_clock::time_point t{seconds{1704164645}};  // 2024-01-02T03:04:05Z
  CHECK(make_run_id(t, "0a1b2c") == "20240102T030405Z-0a1b2c");
  CHECK(make_run_id(t + seconds{1}, "000000") > make_run_id(t, "ffffff"));
  CHECK(is_run_id(make_run_id(t, "abcdef")));
  CHECK_FALSE(is_run_id("20240102T030405Z-ABCDEF"));
  CHECK_FALSE(is_run_id("../etc"));
}

TEST_CASE("the suffix must be 6 lowercase hex characters", "[reporter]") {
  auto now = std::chrono::system_clock::now();
  CHECK_THROWS_AS(make_run_id(now, "abc"), std::invalid_argument);
  CHECK_THROWS_AS(make_run_id(now, "ABCDEF"), std::invalid_argument);
  CHECK_THROWS_AS(make_run_id(now, "../../x"), std::invalid_argument);
}

TEST_CASE("random suffixes are well formed and vary", "[reporter]") {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    auto s = random_run_suffix();
    CHECK(is_run_id(make_run_id(std::chrono::system_clock::now(), s)));
    seen.insert(s);
  }
  CHECK(seen.size() > 15);
}
