// Git repositories as sources, through the real binary: a local repository made here with the
// git CLI is cloned with libgit2, mined at its commit, and re-mined after new commits.
#include <catch2/catch.hpp>

#include "tests/cli_repos.h"
#include "tests/silent_server.h"

using namespace lsqm;
using namespace lsqm::testing;

namespace {

std::string head_commit(const fs::path& repo) {
  auto r = run_git({"rev-parse", "HEAD"}, repo);
  REQUIRE(r.exit_code == 0);
  return r.output.substr(0, 40);
}

void commit_all(const fs::path& repo, const std::string& message) {
  git({"add", "-A"}, repo);
  git({"commit", "-q", "-m", message}, repo);
}

// A repository on branch main holding two bundled examples.
fs::path example_repository(const fs::path& dir) {
  auto repo = dir / "origin";
  git({"init", "-q", "-b", "main", repo.string()});
  copy_examples(repo, {"s3-bucket", "sqs-fifo-queue"});
  commit_all(repo, "two examples");
  return repo;
}

fs::path config_with(const fs::path& dir, const nlohmann::json& sources) {
  auto p = dir / "lsqm.json";
  write_text(p, nlohmann::json{{"sources", sources}}.dump(2));
  return p;
}

nlohmann::json mined_index(const fs::path& data) {
  return nlohmann::json::parse(slurp(working_clone(data) / "architectures" / "index.json"));
}

std::map<std::string, std::string> url_by_name(const nlohmann::json& index) {
  std::map<std::string, std::string> out;
  for (auto& [hash, e] : index.items()) out[e["name"]] = e["source_url"];
  return out;
}

}  // namespace

TEST_CASE("a local git repository is mined at its commit, and only new commits add units",
          "[git_sources]") {
  TempDir dir("gitsrc");
  auto repo = example_repository(dir.path);
  auto first = head_commit(repo);
  auto config = config_with(dir.path, {{{"kind", "git"}, {"url", repo.string()}, {"ref", "main"}}});
  auto data = dir.path / "data";

  auto r = run_lsqm({"--config", config.string(), "mine"}, data);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("mine: 2 new"));
  CHECK_THAT(r.output, Catch::Contains("source " + repo.string() + " at " + first));
  auto urls = url_by_name(mined_index(data));
  CHECK(urls["origin/s3-bucket"] == repo.string() + "#" + first + ":s3-bucket");
  CHECK(urls["origin/sqs-fifo-queue"] == repo.string() + "#" + first + ":sqs-fifo-queue");
  // The clone lives in the cache, checked out at the commit mined.
  CHECK(fs::exists(data / "cache" / "sources"));
  // The commit mined is recorded per source in the artifact repository (for `watch`).
  auto sources = [&] {
    return nlohmann::json::parse(slurp(working_clone(data) / "architectures" / "sources.json"));
  };
  CHECK(sources()[repo.string()]["commit"] == first);

  r = run_lsqm({"--config", config.string(), "mine"}, data);
  CHECK_THAT(r.output, Catch::Contains("mine: 0 new"));

  copy_examples(repo, {"sns-topic"});
  commit_all(repo, "one more");
  auto second = head_commit(repo);
  r = run_lsqm({"--config", config.string(), "mine"}, data);
  INFO(r.output);
  CHECK_THAT(r.output, Catch::Contains("mine: 1 new"));
  CHECK_THAT(r.output, Catch::Contains(" at " + second));
  CHECK(sources()[repo.string()]["commit"] == second);
  CHECK(mined_index(data).size() == 3);
  urls = url_by_name(mined_index(data));
  CHECK(urls["origin/sns-topic"] == repo.string() + "#" + second + ":sns-topic");

  // A unit changed by a commit replaces its entry from the older commit.
  std::ofstream(repo / "s3-bucket" / "main.tf", std::ios::app) << "\noutput \"extra\" {\n  value = 1\n}\n";
  commit_all(repo, "change one");
  auto third = head_commit(repo);
  r = run_lsqm({"--config", config.string(), "mine"}, data);
  INFO(r.output);
  CHECK_THAT(r.output, Catch::Contains("mine: 1 new"));
  CHECK(mined_index(data).size() == 3);  // not 4: the old s3-bucket entry is gone
  urls = url_by_name(mined_index(data));
  CHECK(urls["origin/s3-bucket"] == repo.string() + "#" + third + ":s3-bucket");
  CHECK(urls["origin/sqs-fifo-queue"] == repo.string() + "#" + first + ":sqs-fifo-queue");
}

TEST_CASE("a git source is mined through --source, with paths and exclude globs",
          "[git_sources]") {
  TempDir dir("gitsrc-globs");
  auto repo = example_repository(dir.path);
  auto bare = dir.path / "bare.git";
  git({"clone", "-q", "--bare", repo.string(), bare.string()});

  auto r = run_lsqm({"mine", "--source", bare.string()}, dir.path / "data");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("mine: 2 new"));

  auto config = config_with(dir.path, {{{"kind", "git"}, {"url", "file://" + repo.string()},
                                        {"paths", {"s3-*", "sqs-*"}}, {"exclude", {"sqs-*"}}}});
  r = run_lsqm({"--config", config.string(), "mine"}, dir.path / "data2");
  INFO(r.output);
  CHECK_THAT(r.output, Catch::Contains("mine: 1 new"));
  auto urls = url_by_name(mined_index(dir.path / "data2"));
  REQUIRE(urls.size() == 1);
  CHECK(urls.begin()->first == "origin/s3-bucket");
}

TEST_CASE("a source that fails is listed with its error and the others are still mined",
          "[git_sources]") {
  TempDir dir("gitsrc-bad");
  auto repo = example_repository(dir.path);
  fs::create_directories(dir.path / "not-a-repo");
  auto config = config_with(
      dir.path, {{{"kind", "git"}, {"url", (dir.path / "not-a-repo").string()}},
                 {{"kind", "git"}, {"url", repo.string()}, {"ref", "no-such-branch"}},
                 {{"kind", "git"}, {"url", "https://user:tok_secret_1@127.0.0.1:1/x.git"}},
                 (dir.path / "missing-dir").string(),
                 {{"kind", "git"}, {"url", repo.string()}}});
  auto r = run_lsqm({"--config", config.string(), "mine"}, dir.path / "data");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("mine: 2 new"));
  CHECK_THAT(r.output, Catch::Contains("source not mined: " + (dir.path / "not-a-repo").string()));
  CHECK_THAT(r.output, Catch::Contains("no-such-branch"));
  CHECK_THAT(r.output, Catch::Contains("source not mined: https://127.0.0.1:1/x.git"));
  CHECK_THAT(r.output, Catch::Contains("source not mined: " + (dir.path / "missing-dir").string()));
  CHECK(r.output.find("tok_secret_1") == std::string::npos);
  // Nor is it stored: the cache clone's origin is the URL without its userinfo.
  for (auto& f : fs::recursive_directory_iterator(dir.path / "data" / "cache" / "sources"))
    if (f.is_regular_file()) CHECK(slurp(f.path()).find("tok_secret_1") == std::string::npos);
}

TEST_CASE("a git source that accepts and never answers is stopped after git_timeout_s",
          "[git_sources]") {
  TempDir dir("gitsrc-stalled");
  SilentServer server;
  auto repo = example_repository(dir.path);
  auto stalled = "http://127.0.0.1:" + std::to_string(server.port) + "/x.git";
  auto p = dir.path / "lsqm.json";
  write_text(p, nlohmann::json{{"git_timeout_s", 2},
                               {"sources", {{{"kind", "git"}, {"url", stalled}},
                                            {{"kind", "git"}, {"url", repo.string()}}}}}
                    .dump());
  auto t0 = std::chrono::steady_clock::now();
  auto r = run_lsqm({"--config", p.string(), "mine"}, dir.path / "data", {},
                    std::chrono::seconds(60));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30));
  CHECK_THAT(r.output, Catch::Contains("source not mined: " + stalled) &&
                           Catch::Contains("no answer within 2 s"));
  CHECK_THAT(r.output, Catch::Contains("mine: 2 new"));
}
