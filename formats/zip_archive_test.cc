#include "formats/zip_archive.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("a zip built twice from the same files is the same bytes, and reads back", "[zip]") {
  const std::map<std::string, std::string> files = {
      {"src/app.py", "def handler(event, context):\n    return 1\n"}, {"bootstrap", "#!/bin/sh\n"}, {"empty.txt", ""}};
  const std::string a = deterministic_zip(files);
  const std::string b = deterministic_zip(files);
  CHECK(a == b);
  CHECK(a.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(read_zip(a) == files);
  // Entries are stored sorted by name: "bootstrap" is the first local header.
  CHECK(a.substr(30, 9) == "bootstrap");
  auto other = files;
  other["src/app.py"] += "#\n";
  CHECK(deterministic_zip(other) != a);
}

TEST_CASE("reading something that is not a zip throws ZipError", "[zip]") {
  CHECK_THROWS_AS(read_zip("not a zip at all"), ZipError);
}
