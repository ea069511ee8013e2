#include "adapters/append_file.h"

#include <catch2/catch.hpp>

#include "adapters/atomic_file.h"
#include "tests/test_support.h"

using namespace lsqm;

TEST_CASE("appends go to the end, creating the file and its directory", "[append_file]") {
  testing::TempDir dir("append");
  auto p = dir.path / "a" / "b" / "log.jsonl";
  append_to_file(p, "one\n");
  append_to_file(p, "two\n");
  CHECK(read_file(p) == "one\ntwo\n");
}

TEST_CASE("an append that cannot be made throws FileError naming the path", "[append_file]") {
  testing::TempDir dir("append-fail");
  std::filesystem::create_directories(dir.path / "is-a-dir");
  try {
    append_to_file(dir.path / "is-a-dir", "x");
    FAIL("no throw");
  } catch (const FileError& e) {
    CHECK(std::string(e.what()).find("is-a-dir") != std::string::npos);
  }
}
