#include "adapters/capped_read.h"

#include <fstream>

#include <catch2/catch.hpp>

#include "tests/test_support.h"

using Catch::Matchers::Contains;

TEST_CASE("capped reads never take more than their cap", "[capped_read]") {
  lsqm::testing::TempDir dir;
  const auto file = dir.path / "big";
  std::ofstream(file) << "HEAD" << std::string(100000, 'x') << "TAIL";
  CHECK_FALSE(lsqm::read_file_within(file, 1000));
  CHECK(lsqm::read_file_within(file, 200000)->size() == 100008);
  CHECK_FALSE(lsqm::read_file_within(dir.path / "missing", 1000));
  const std::string cut = lsqm::read_file_head_tail(file, 1000);
  CHECK(cut.size() < 1100);
  CHECK(cut.starts_with("HEAD"));
  CHECK(cut.ends_with("TAIL"));
  CHECK_THAT(cut, Contains("bytes cut"));
  CHECK(lsqm::read_file_head_tail(file, 200000).size() == 100008);
}
