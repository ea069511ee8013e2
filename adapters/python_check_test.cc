#include "adapters/python_check.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("valid python compiles", "[python]") {
  auto error = python_syntax_error(
      "/usr/bin/python3", {{"a.py", "import os\n\ndef f(x):\n    return x + 1\n"},
                           {"notes.txt", "not python ((("}});
  CHECK_FALSE(error.has_value());
}

TEST_CASE("broken python yields a message naming the file", "[python]") {
  auto error = python_syntax_error(
      "python3", {{"good.py", "x = 1\n"}, {"test_broken.py", "def f(:\n    pass\n"}});
  REQUIRE(error.has_value());
  CHECK(error->rfind("test_broken.py", 0) == 0);
  CHECK(error->find("SyntaxError") != std::string::npos);
  CHECK(error->find("lsqm-pycheck") == std::string::npos);  // temp path stripped
}

TEST_CASE("a missing interpreter is reported, not crashed on", "[python]") {
  CHECK_THROWS_AS(python_syntax_error("no-such-python-xyz", {{"a.py", "x = 1\n"}}),
                  PythonCheckError);
}
