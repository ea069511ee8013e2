#include "adapters/emulator.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("emulator_argv splits the command and fills in the port", "[emulator]") {
  CHECK(emulator_argv("moto_server -H 127.0.0.1 -p {port}", 4566) ==
        std::vector<std::string>{"moto_server", "-H", "127.0.0.1", "-p", "4566"});
  CHECK(emulator_argv("run --bind=:{port}/{port}", 7) ==
        std::vector<std::string>{"run", "--bind=:7/7"});
  CHECK(emulator_argv("   ", 1).empty());
}
