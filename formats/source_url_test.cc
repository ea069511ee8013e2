#include "formats/source_url.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("GitHub remotes are recorded as tree URLs at the commit", "[source_url]") {
  const std::string c = "0123456789abcdef0123456789abcdef01234567";
  CHECK(git_unit_url("https://github.com/aws-samples/serverless-patterns.git", c, "apigw-lambda") ==
        "https://github.com/aws-samples/serverless-patterns/tree/" + c + "/apigw-lambda");
  CHECK(git_unit_url("https://x-access-token:SECRET@github.com/o/r", c, "a/b") ==
        "https://github.com/o/r/tree/" + c + "/a/b");
  CHECK(git_unit_url("git@github.com:o/r.git", c, ".") == "https://github.com/o/r/tree/" + c);
  CHECK(git_unit_url("ssh://git@github.com/o/r", c, "") == "https://github.com/o/r/tree/" + c);
  CHECK(github_repo_of("https://github.com/o") == "");
  CHECK(github_repo_of("https://github.com.evil.example/o/r") == "");
}

TEST_CASE("other remotes are recorded as URL#COMMIT:PATH without a token", "[source_url]") {
  CHECK(git_unit_url("https://user:TOKEN@git.example/r.git", "abc", "examples/a") ==
        "https://git.example/r.git#abc:examples/a");
  CHECK(git_unit_url("/srv/repos/x", "abc", "") == "/srv/repos/x#abc");
}

TEST_CASE("a unit's identity is its source URL without the commit", "[source_url]") {
  CHECK(unit_identity("https://github.com/o/r/tree/c1/examples/a") ==
        unit_identity("https://github.com/o/r/tree/c2/examples/a"));
  CHECK(unit_identity("https://github.com/o/r/tree/c1/examples/a") !=
        unit_identity("https://github.com/o/r/tree/c1/examples/b"));
  CHECK(unit_identity("https://github.com/o/r/tree/c1") == unit_identity("https://github.com/o/r/tree/c2"));
  CHECK(unit_identity("/x#c1:a") == unit_identity("/x#c2:a"));
  CHECK(unit_identity("/x#c1:a") != unit_identity("/x#c1:b"));
  CHECK(unit_identity("/x#c1") == "/x#");
  CHECK(unit_identity("file:///tmp/a#b") == "file:///tmp/a#b");
}

TEST_CASE("paths and exclude globs select units by path or parent", "[source_url]") {
  CHECK(path_selected("examples/a", {}, {}));
  CHECK(path_selected("examples/a", {"examples/*"}, {}));
  CHECK(path_selected("examples/a/nested", {"examples"}, {}));
  CHECK_FALSE(path_selected("modules/x", {"examples/*"}, {}));
  CHECK_FALSE(path_selected("examples/a", {}, {"examples/a"}));
  CHECK_FALSE(path_selected("examples/a/b", {"examples/*"}, {"*/a"}));
  CHECK(path_selected(".", {}, {"examples"}));
}
