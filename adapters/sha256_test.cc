#include <catch2/catch.hpp>

#include "adapters/sha256.h"

using namespace lsqm;

TEST_CASE("sha256_hex matches the published test vectors", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256_hex hashes embedded NUL bytes", "[sha256]") {
  using namespace std::string_literals;
  CHECK(sha256_hex("a\0b"s) != sha256_hex("a"));
  CHECK(sha256_hex("a\0b"s).size() == 64);
}
