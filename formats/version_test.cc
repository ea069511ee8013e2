#include "formats/version.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("version_satisfies reads terraform's constraint syntax", "[version]") {
  struct Case {
    const char* version;
    const char* constraint;
    bool ok;
  };
  for (auto c : std::vector<Case>{
           {"5.100.0", "", true},
           {"5.100.0", "5.100.0", true},
           {"5.100.0", "= 5.100.0", true},
           {"5.100.0", "5.99.0", false},
           {"5.100.0", "!= 5.100.0", false},
           {"5.100.0", ">= 4.0", true},
           {"5.100.0", ">= 4.0, < 5.0", false},
           {"5.100.0", "> 5.100.0", false},
           {"5.100.0", "<= 5.100", true},
           {"5.100.0", "~> 5.0", true},
           {"5.100.0", "~> 5", true},
           {"5.100.0", "~> 4.0", false},
           {"5.100.0", "~> 3.27", false},
           {"5.100.0", "~> 5.100.1", false},
           {"5.100.3", "~> 5.100.1", true},
           {"5.101.0", "~> 5.100.1", false},
           {"5.100.0", ">= 6.28", false},
           {"5.100.0", "latest", false},  // unreadable: never assumed satisfied
           {"5.100.0", ">= 3.0,, < 6", true},
           {"5.100.0", ">=4.0,<6", true},
           {"5.100.0", ">= 99999999999999999999", false},  // no overflow, no exception
           {"5.100.0", "= = 5.100.0", false},
       }) {
    INFO(c.version << " against '" << c.constraint << "'");
    CHECK(version_satisfies(c.version, c.constraint) == c.ok);
  }
}

TEST_CASE("versions parse as one to three numbers", "[version]") {
  CHECK(parse_version("5.10.1") == std::vector<long>{5, 10, 1});
  CHECK(parse_version(" v5 ") == std::vector<long>{5});
  CHECK_FALSE(parse_version("5.10.1-beta"));
  CHECK_FALSE(parse_version("5..1"));
  CHECK_FALSE(parse_version("1.2.3.4"));
  CHECK_FALSE(parse_version(""));
  CHECK_FALSE(parse_version(std::string(100000, '9')));
  CHECK(is_exact_version("5.100.0"));
  CHECK_FALSE(is_exact_version("5.100"));
  CHECK_FALSE(is_exact_version("v5.100.0"));
  CHECK_FALSE(is_exact_version(" 5.100.0"));
}

TEST_CASE("newest_version_for: pin:auto's choice", "[version]") {
  const std::vector<std::string> mirror{"5.100.0", "4.67.0", "6.2.0", "6.10.0", "garbage", "5.9.0"};
  CHECK(newest_version_for(mirror, "") == "6.10.0");
  CHECK(newest_version_for(mirror, "~> 5.0") == "5.100.0");  // numeric, not text, order
  CHECK(newest_version_for(mirror, "< 5.0") == "4.67.0");
  CHECK(newest_version_for(mirror, "~> 3.27") == "6.10.0");  // none fits: the newest there is
  CHECK(newest_version_for({"garbage"}, "") == "");
  CHECK(newest_version_for({}, "~> 5.0") == "");
}
