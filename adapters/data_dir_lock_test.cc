#include "adapters/data_dir_lock.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <fstream>
#include <optional>

#include "tests/test_support.h"

using lsqm::DataDirBusy;
using lsqm::DataDirLock;

TEST_CASE("a second holder of the data dir lock is refused, naming the first", "[data_dir_lock]") {
  lsqm::testing::TempDir dir("lock");
  auto data = dir.path / "data";
  std::optional<DataDirLock> first(std::in_place, data);
  std::ifstream pid_file(data / "lsqm.lock");
  int pid = 0;
  pid_file >> pid;
  CHECK(pid == ::getpid());
  try {
    DataDirLock second(data);
    FAIL("the second lock was granted while the first was held");
  } catch (const DataDirBusy& e) {
    CHECK_THAT(e.what(), Catch::Contains("pid " + std::to_string(::getpid())) &&
                             Catch::Contains(data.string()) && Catch::Contains("LSQM_DATA_DIR"));
  }
  // Released with its holder: the next one gets it.
  first.reset();
  CHECK_NOTHROW(DataDirLock(data));
}
