#include <catch2/catch.hpp>

#include "adapters/redact.h"

TEST_CASE("every occurrence of every secret is replaced, empty secrets are ignored", "[redact]") {
  CHECK(lsqm::redact_secrets("tok=abc; again abcabc", {"abc", ""}) == "tok=***; again ******");
  CHECK(lsqm::redact_secrets("a*** b", {"***"}) == "a*** b");  // no endless replacement
  CHECK(lsqm::redact_secrets("nothing here", {"xyz"}) == "nothing here");
}
