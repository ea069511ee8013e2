#include "adapters/atomic_file.h"

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace fs = std::filesystem;

TEST_CASE("write_file_atomic creates parents and replaces content whole", "[atomic_file]") {
  lsqm::testing::TempDir temp("atomic");
  const auto& dir = temp.path;
  auto path = dir / "a" / "b" / "file.json";
  lsqm::write_file_atomic(path, "first");
  CHECK(lsqm::read_file(path) == "first");
  std::string binary("x\0y\n", 4);
  lsqm::write_file_atomic(path, binary);
  CHECK(lsqm::read_file(path) == binary);
  // No temp files left beside it.
  int entries = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(path.parent_path())) ++entries;
  CHECK(entries == 1);
  CHECK((fs::status(path).permissions() & fs::perms::others_read) != fs::perms::none);
}

TEST_CASE("write_file_atomic failure leaves the old file and names the path", "[atomic_file]") {
  lsqm::testing::TempDir temp("atomic-fail");
  const auto& dir = temp.path;
  // The target is a directory: rename fails, nothing else may change.
  auto target = dir / "taken";
  fs::create_directories(target / "inner");
  try {
    lsqm::write_file_atomic(target, "data");
    FAIL("expected FileError");
  } catch (const lsqm::FileError& e) {
    CHECK(e.path() == target);
    CHECK(std::string(e.what()).find(target.string()) != std::string::npos);
  }
  CHECK(fs::is_directory(target / "inner"));
  int entries = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("read_file of a missing file throws with the path", "[atomic_file]") {
  auto missing = fs::temp_directory_path() / "lsqm-definitely-missing" / "x.json";
  try {
    lsqm::read_file(missing);
    FAIL("expected FileError");
  } catch (const lsqm::FileError& e) {
    CHECK(std::string(e.what()).find(missing.string()) != std::string::npos);
  }
}
