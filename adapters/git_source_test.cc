#include "adapters/git_source.h"

#include <catch2/catch.hpp>

#include "adapters/local_source.h"
#include "tests/cli_repos.h"

using namespace lsqm;
using namespace lsqm::testing;

namespace {

std::string rev(const fs::path& repo, const std::string& what) {
  auto r = run_git({"rev-parse", what}, repo);
  REQUIRE(r.exit_code == 0);
  return r.output.substr(0, 40);
}

}  // namespace

TEST_CASE("fetch_git_source checks out a branch, a tag or a commit of a local repository",
          "[git_source]") {
  TempDir dir("gitsource");
  auto repo = dir.path / "repo";
  git({"init", "-q", "-b", "master", repo.string()});
  write_text(repo / "a" / "main.tf", "# one\n");
  git({"add", "-A"}, repo);
  git({"commit", "-q", "-m", "one"}, repo);
  git({"tag", "v1"}, repo);
  auto one = rev(repo, "HEAD");
  write_text(repo / "a" / "main.tf", "# two\n");
  git({"commit", "-q", "-am", "two"}, repo);
  auto two = rev(repo, "HEAD");
  GitSourceSettings settings;
  settings.cache_root = dir.path / "cache";

  auto tree = fetch_git_source(repo.string(), "", settings);  // no main: master
  CHECK(tree.commit == two);
  CHECK(slurp(tree.dir / "a" / "main.tf") == "# two\n");
  CHECK(tree.dir.parent_path() == settings.cache_root);

  auto tagged = fetch_git_source(repo.string(), "v1", settings);
  CHECK(tagged.commit == one);
  CHECK(slurp(tagged.dir / "a" / "main.tf") == "# one\n");
  CHECK(fetch_git_source(repo.string(), one, settings).commit == one);

  // A stray file in the cache clone is not mined: the tree is exactly the commit's.
  write_text(tree.dir / "stray" / "main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n");
  write_text(tree.dir / "a" / "main.tf", "edited\n");
  tree = fetch_git_source(repo.string(), "master", settings);
  CHECK_FALSE(fs::exists(tree.dir / "stray" / "main.tf"));
  CHECK(slurp(tree.dir / "a" / "main.tf") == "# two\n");
}

TEST_CASE("fetch_git_source says why a source cannot be mined", "[git_source]") {
  TempDir dir("gitsource-bad");
  GitSourceSettings settings;
  settings.cache_root = dir.path / "cache";
  fs::create_directories(dir.path / "plain");
  CHECK_THROWS_AS(fetch_git_source((dir.path / "plain").string(), "", settings), SourceError);
  CHECK_THROWS_AS(fetch_git_source((dir.path / "missing").string(), "", settings), SourceError);
  auto repo = dir.path / "repo";
  git({"init", "-q", "-b", "main", repo.string()});
  write_text(repo / "x.tf", "\n");
  git({"add", "-A"}, repo);
  git({"commit", "-q", "-m", "x"}, repo);
  CHECK_THROWS_WITH(fetch_git_source(repo.string(), "nope", settings),
                    Catch::Contains("ref 'nope'"));
}

TEST_CASE("plain strings name git sources by their shape", "[git_source]") {
  TempDir dir("gitsource-shape");
  CHECK(is_git_location("https://github.com/o/r"));
  CHECK(is_git_location("git@github.com:o/r.git"));
  CHECK(is_git_location("/srv/x.git"));
  CHECK_FALSE(is_git_location(dir.path.string()));
  git({"init", "-q", "--bare", (dir.path / "bare").string()});
  CHECK(is_git_location((dir.path / "bare").string()));
}
