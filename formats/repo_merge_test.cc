#include "formats/repo_merge.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace lsqm;
using nlohmann::json;

TEST_CASE("index merge: union of keys, ours wins per key", "[repo_merge]") {
  auto merged = json::parse(merge_index(R"({"a":{"name":"ours"},"b":{"name":"b"}})",
                                        R"({"a":{"name":"theirs"},"c":{"name":"c"}})"));
  CHECK(merged["a"]["name"] == "ours");
  CHECK(merged["b"]["name"] == "b");
  CHECK(merged["c"]["name"] == "c");
}

TEST_CASE("index merge keeps ours when either side is not an object", "[repo_merge]") {
  CHECK(merge_index("{\"a\":1}", "[1,2]") == "{\"a\":1}");
  CHECK(merge_index("{broken", "{}") == "{broken");
  CHECK(merge_index("{}", std::string("\xff\xfe", 2)) == "{}");
}

TEST_CASE("trend merge: union by run_id, ours wins, sorted", "[repo_merge]") {
  auto merged = json::parse(merge_trend(R"([{"run_id":"2","v":"ours"},{"x":1}])",
                                        R"([{"run_id":"1"},{"run_id":"2","v":"theirs"}])"));
  REQUIRE(merged.size() == 3);
  CHECK(merged[0]["run_id"] == "1");
  CHECK(merged[1]["v"] == "ours");
  CHECK(merged[2]["x"] == 1);  // no run_id: after the rest
  CHECK(merge_trend("[]", "{}") == "[]");
  CHECK(merge_trend("nope", "[]") == "nope");
}

TEST_CASE("merged_content merges the shared records only", "[repo_merge]") {
  CHECK(merged_content("architectures/index.json", "{}", "{\"a\":1}"));
  CHECK(merged_content("trends/summary.json", "[]", "[]"));
  CHECK(merged_content("trends/services.json", "[]", "[]"));
  CHECK_FALSE(merged_content("runs/x/results.json", "[]", "[]"));
}
