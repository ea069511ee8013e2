#include "actors/reporter/index_counts.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("skip reasons are counted by cause, without their particulars", "[index_counts]") {
  CHECK(skip_reason_cause("needs input: vpc_id, subnet_ids") == "needs input");
  CHECK(skip_reason_cause("uses provisioner local-exec") == "uses provisioner local-exec");
  CHECK(skip_reason_cause("") == "");
}

TEST_CASE("the index is counted by kind and by skip cause", "[index_counts]") {
  auto index = nlohmann::json::parse(R"({
    "a": {"kind": "terraform", "skip_reason": ""},
    "b": {"kind": "terraform", "skip_reason": "needs input: vpc_id"},
    "c": {"kind": "sam", "skip_reason": "needs input: email"},
    "d": {"kind": "cloudformation", "skip_reason": "registry module not fetched here: x/y/aws"},
    "e": {"skip_reason": 7},
    "f": "not an entry"
  })");
  auto c = count_index(index);
  CHECK(c.total == 5);
  CHECK(c.skipped == 3);
  CHECK(c.by_kind == std::map<std::string, int>{{"cloudformation", 1}, {"sam", 1}, {"terraform", 3}});
  CHECK(c.skipped_by_reason ==
        std::map<std::string, int>{{"needs input", 2}, {"registry module not fetched here", 1}});
  CHECK(to_json(c)["skipped_by_reason"]["needs input"] == 2);
  CHECK(count_index(nlohmann::json::array()).total == 0);
}
