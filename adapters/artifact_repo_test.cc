#include "adapters/artifact_repo.h"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "adapters/atomic_file.h"
#include "adapters/git_handles.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() /
             ("lsqm-repo-" + name + "-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

lsqm::git::Repository open_repo(const fs::path& path) {
  git_repository* r = nullptr;
  lsqm::git::check(git_repository_open(&r, path.c_str()), "open test repo");
  return lsqm::git::Repository(r);
}

fs::path make_bare(const fs::path& path) {
  lsqm::git::ensure_initialised();
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_BARE;
  opts.initial_head = "main";
  git_repository* r = nullptr;
  lsqm::git::check(git_repository_init_ext(&r, path.c_str(), &opts), "init bare");
  git_repository_free(r);
  return path;
}

// Commits `files` as the whole tree on `ref` of any repository (bare or not).
void commit_tree(const fs::path& repo_path, const std::map<std::string, std::string>& files,
                 const std::string& ref = "refs/heads/main") {
  auto repo = open_repo(repo_path);
  git_index* i = nullptr;
  lsqm::git::check(git_index_new(&i), "index");
  lsqm::git::Index index(i);
  for (auto& [path, content] : files) {
    git_index_entry e{};
    e.mode = GIT_FILEMODE_BLOB;
    e.path = path.c_str();
    lsqm::git::check(git_blob_create_from_buffer(&e.id, repo.get(), content.data(), content.size()),
                     "blob");
    lsqm::git::check(git_index_add(i, &e), "add");
  }
  git_oid tree_oid, commit_oid;
  lsqm::git::check(git_index_write_tree_to(&tree_oid, i, repo.get()), "tree");
  git_tree* t = nullptr;
  git_tree_lookup(&t, repo.get(), &tree_oid);
  lsqm::git::Tree tree(t);
  git_signature* s = nullptr;
  git_signature_now(&s, "someone", "someone@example.com");
  lsqm::git::Signature sig(s);
  lsqm::git::check(git_commit_create(&commit_oid, repo.get(), ref.c_str(), s, s, nullptr,
                                     "unrelated", t, 0, nullptr),
                   "commit");
}

std::optional<std::string> head_of(const fs::path& repo_path, const std::string& ref = "refs/heads/main") {
  auto repo = open_repo(repo_path);
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo.get(), ref.c_str()) != 0) return std::nullopt;
  return std::string(git_oid_tostr_s(&oid));
}

// The file at `path` in the tree of refs/heads/main, or nullopt.
std::optional<std::string> file_at_head(const fs::path& repo_path, const std::string& path) {
  auto repo = open_repo(repo_path);
  git_object* obj = nullptr;
  std::string spec = "refs/heads/main:" + path;
  if (git_revparse_single(&obj, repo.get(), spec.c_str()) != 0) return std::nullopt;
  git_blob* blob = reinterpret_cast<git_blob*>(obj);
  std::string text(static_cast<const char*>(git_blob_rawcontent(blob)), git_blob_rawsize(blob));
  git_object_free(obj);
  return text;
}

std::vector<std::string> ref_names(const fs::path& repo_path) {
  auto repo = open_repo(repo_path);
  git_strarray names{};
  lsqm::git::check(git_reference_list(&names, repo.get()), "list refs");
  std::vector<std::string> out(names.strings, names.strings + names.count);
  git_strarray_dispose(&names);
  std::sort(out.begin(), out.end());
  return out;
}

int commit_count(const fs::path& repo_path) {
  auto repo = open_repo(repo_path);
  git_revwalk* w = nullptr;
  git_revwalk_new(&w, repo.get());
  git_revwalk_push_ref(w, "refs/heads/main");
  git_oid oid;
  int n = 0;
  while (git_revwalk_next(&oid, w) == 0) ++n;
  git_revwalk_free(w);
  return n;
}

lsqm::ArtifactRepoOptions options_for(const fs::path& url, const fs::path& data_dir) {
  lsqm::ArtifactRepoOptions o;
  o.url = url.string();
  o.data_dir = data_dir;
  o.transport_program = LSQM_BINARY;  // runs __git-transport
  return o;
}

// What the reporter writes for one run: its files, an index entry and a trend entry each.
void write_run(const lsqm::ArtifactRepo& repo, const std::string& run_id, const std::string& hash) {
  auto dir = repo.workdir();
  lsqm::write_file_atomic(dir / "runs" / run_id / "run.json", json{{"run_id", run_id}}.dump());
  lsqm::write_file_atomic(dir / "runs" / run_id / "results.json", "[]");
  lsqm::write_file_atomic(dir / "runs" / run_id / "logs" / (hash + ".log"), "log of " + hash);
  auto index = repo.load_index();
  index[hash] = {{"name", "arch-" + hash}, {"kind", "terraform"}};
  lsqm::write_file_atomic(dir / "architectures/index.json", index.dump(2));
  auto summary = json::parse(lsqm::read_file(dir / "trends/summary.json"));
  summary.push_back({{"run_id", run_id}, {"total", 1}, {"passed", 1}});
  lsqm::write_file_atomic(dir / "trends/summary.json", summary.dump(2));
  auto services = json::parse(lsqm::read_file(dir / "trends/services.json"));
  services.push_back({{"run_id", run_id}, {"services", {{"s3", {{"total", 1}, {"passed", 1}}}}}});
  lsqm::write_file_atomic(dir / "trends/services.json", services.dump(2));
}

std::vector<std::string> trend_run_ids(const std::string& text) {
  std::vector<std::string> ids;
  for (auto& e : json::parse(text)) ids.push_back(e.at("run_id").get<std::string>());
  return ids;
}

// A loopback HTTP server that answers every request 401 + Basic challenge (what GitHub does
// without valid credentials) and records each Authorization header.
class ChallengeServer {
 public:
  // redirect: requests to 127.0.0.1 are sent on to http://localhost:<port> (another host name
  // for the same server), which asks for credentials.
  explicit ChallengeServer(bool redirect = false) : redirect_(redirect) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 16) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~ChallengeServer() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<std::string> authorizations() {
    std::lock_guard<std::mutex> lock(mu_);
    return authorizations_;
  }

 private:
  void serve() {
    while (!stopping_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string request;
      char buf[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) break;
        request.append(buf, static_cast<std::size_t>(n));
      }
      record(request);
      std::string response =
          "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"GitHub\"\r\n"
          "Content-Length: 0\r\nConnection: close\r\n\r\n";
      if (redirect_ && request.find("Host: localhost") == std::string::npos) {
        auto path_start = request.find(' ') + 1;
        auto path = request.substr(path_start, request.find(' ', path_start) - path_start);
        response = "HTTP/1.1 302 Found\r\nLocation: http://localhost:" + std::to_string(port_) +
                   path + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      }
      ::write(c, response.data(), response.size());
      ::close(c);
    }
  }
  void record(const std::string& request) {
    std::string header;
    auto at = request.find("Authorization: ");
    if (at != std::string::npos) header = request.substr(at + 15, request.find("\r\n", at) - at - 15);
    std::lock_guard<std::mutex> lock(mu_);
    authorizations_.push_back(header);
  }
  bool redirect_ = false;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> authorizations_;
};

}  // namespace

TEST_CASE("sync initialises an empty bare repository with the layout", "[repo]") {
  TempDir tmp("init");
  auto bare = make_bare(tmp.path / "remote.git");
  auto repo = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "data"));

  CHECK(file_at_head(bare, "architectures/index.json") == std::optional<std::string>("{}\n"));
  CHECK(file_at_head(bare, "trends/summary.json") == std::optional<std::string>("[]\n"));
  CHECK(file_at_head(bare, "trends/services.json") == std::optional<std::string>("[]\n"));
  for (auto keep : {"apps/.gitkeep", "runs/.gitkeep", "reports/latest/.gitkeep"})
    CHECK(file_at_head(bare, keep) == std::optional<std::string>(""));
  CHECK(repo.workdir().string().rfind((tmp.path / "data" / "cache").string(), 0) == 0);
  CHECK(repo.load_index() == json::object());
  CHECK(repo.run_ids().empty());
  // No private push refs left behind in the remote.
  CHECK(ref_names(bare) == std::vector<std::string>{"refs/heads/main"});
}

TEST_CASE("sync twice is idempotent", "[repo]") {
  TempDir tmp("idem");
  auto bare = make_bare(tmp.path / "remote.git");
  auto opts = options_for(bare, tmp.path / "data");
  auto first = lsqm::ArtifactRepo::sync(opts);
  auto head = head_of(bare);
  REQUIRE(head);
  auto again = lsqm::ArtifactRepo::sync(opts);
  CHECK(head_of(bare) == head);
  CHECK(commit_count(bare) == 1);
  CHECK(head_of(again.workdir()) == head);
  CHECK_FALSE(again.commit("nothing changed"));
  // The leftover of an interrupted atomic write is never committed.
  lsqm::write_file_atomic(again.workdir() / "architectures" / ".index.json.tmp-Ab12Cd", "{");
  CHECK_FALSE(again.commit("only a temp file"));
  // A second clone of the now-initialised repository adds nothing either.
  auto other = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "other"));
  CHECK(head_of(bare) == head);
  CHECK(other.workdir() != first.workdir());
}

TEST_CASE("sync with no URL creates the default bare repository in the data dir", "[repo]") {
  TempDir tmp("default");
  lsqm::ArtifactRepoOptions opts;
  opts.data_dir = tmp.path / "data";
  auto repo = lsqm::ArtifactRepo::sync(opts);
  auto bare = tmp.path / "data" / "artifacts.git";
  CHECK(fs::exists(bare / "HEAD"));
  CHECK(file_at_head(bare, "architectures/index.json") == std::optional<std::string>("{}\n"));
  CHECK(repo.url() == bare.string());
}

TEST_CASE("a fetch fast-forwards the working clone to another clone's push", "[repo]") {
  TempDir tmp("ff");
  auto bare = make_bare(tmp.path / "remote.git");
  auto a = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "a"));
  auto b = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "b"));
  write_run(a, "20240101T000000Z-aaaaaa", "h1");
  REQUIRE(a.commit("run 1"));
  a.push();
  auto b2 = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "b"));
  REQUIRE_FALSE(b2.run_ids().empty());
  CHECK(b2.run_ids().back() == "20240101T000000Z-aaaaaa");
  CHECK(b2.load_index().contains("h1"));
  CHECK(head_of(b2.workdir()) == head_of(bare));
}

TEST_CASE("two clones pushing concurrently both keep their runs", "[repo]") {
  TempDir tmp("race");
  auto bare = make_bare(tmp.path / "remote.git");
  auto a = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "a"));
  auto b = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "b"));
  std::vector<std::string> expected_runs;
  for (int round = 0; round < 3; ++round) {
    auto run_a = "2024010" + std::to_string(round + 1) + "T000000Z-aaaaaa";
    auto run_b = "2024010" + std::to_string(round + 1) + "T000001Z-bbbbbb";
    auto hash_a = "a" + std::to_string(round), hash_b = "b" + std::to_string(round);
    write_run(a, run_a, hash_a);
    write_run(b, run_b, hash_b);
    REQUIRE(a.commit("run " + run_a));
    REQUIRE(b.commit("run " + run_b));
    std::exception_ptr error_a, error_b;
    std::thread ta([&] {
      try { a.push(); } catch (...) { error_a = std::current_exception(); }
    });
    std::thread tb([&] {
      try { b.push(); } catch (...) { error_b = std::current_exception(); }
    });
    ta.join();
    tb.join();
    if (error_a) std::rethrow_exception(error_a);
    if (error_b) std::rethrow_exception(error_b);
    expected_runs.push_back(run_a);
    expected_runs.push_back(run_b);

    for (auto& [run, hash] : {std::pair{run_a, hash_a}, std::pair{run_b, hash_b}}) {
      CHECK(file_at_head(bare, "runs/" + run + "/run.json"));
      CHECK(file_at_head(bare, "runs/" + run + "/results.json"));
      CHECK(file_at_head(bare, "runs/" + run + "/logs/" + hash + ".log") ==
            std::optional<std::string>("log of " + hash));
    }
    auto index = json::parse(*file_at_head(bare, "architectures/index.json"));
    for (int r = 0; r <= round; ++r) {
      CHECK(index.contains("a" + std::to_string(r)));
      CHECK(index.contains("b" + std::to_string(r)));
    }
    auto sorted = expected_runs;
    std::sort(sorted.begin(), sorted.end());
    CHECK(trend_run_ids(*file_at_head(bare, "trends/summary.json")) == sorted);
    CHECK(trend_run_ids(*file_at_head(bare, "trends/services.json")) == sorted);
    // Each clone is now at or behind the remote head; bring both up to it for the next round.
    a = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "a"));
    b = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "b"));
    CHECK(head_of(a.workdir()) == head_of(bare));
    CHECK(head_of(b.workdir()) == head_of(bare));
  }
  CHECK(ref_names(bare) == std::vector<std::string>{"refs/heads/main"});
}

TEST_CASE("prune_runs keeps the newest N and a replayed prune stays pruned", "[repo]") {
  TempDir tmp("prune");
  auto bare = make_bare(tmp.path / "remote.git");
  auto a = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "a"));
  std::vector<std::string> ids = {"20240103T000000Z-000003", "20240101T000000Z-000001",
                                  "20240102T000000Z-000002", "20240104T000000Z-000004"};
  for (auto& id : ids) write_run(a, id, "h" + id.substr(id.size() - 1));
  REQUIRE(a.commit("four runs"));
  a.push();
  auto b = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "b"));

  a.prune_runs(2);
  CHECK(a.run_ids() == std::vector<std::string>{"20240103T000000Z-000003", "20240104T000000Z-000004"});
  REQUIRE_FALSE(a.run_ids().empty());
  CHECK(a.run_ids().back() == "20240104T000000Z-000004");
  CHECK(fs::exists(a.workdir() / "runs" / ".gitkeep"));
  REQUIRE(a.commit("prune"));
  // Another run publishes first; a's deletions must survive the replay, and b's run too.
  write_run(b, "20240105T000000Z-000005", "h5");
  REQUIRE(b.commit("run 5"));
  b.push();
  a.push();
  CHECK_FALSE(file_at_head(bare, "runs/20240101T000000Z-000001/run.json"));
  CHECK_FALSE(file_at_head(bare, "runs/20240102T000000Z-000002/run.json"));
  CHECK(file_at_head(bare, "runs/20240103T000000Z-000003/run.json"));
  CHECK(file_at_head(bare, "runs/20240104T000000Z-000004/run.json"));
  CHECK(file_at_head(bare, "runs/20240105T000000Z-000005/run.json"));
  CHECK(a.run_ids().size() == 3);  // the working clone now holds the merged head
  a.prune_runs(10);
  CHECK(a.run_ids().size() == 3);
}

TEST_CASE("a corrupt index.json is reported and never rewritten", "[repo]") {
  TempDir tmp("corrupt");
  auto bare = make_bare(tmp.path / "remote.git");
  auto a = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "a"));
  const std::string corrupt = "{\"h1\": {\"name\": \"x\"},\n  truncated";
  lsqm::write_file_atomic(a.workdir() / "architectures/index.json", corrupt);
  REQUIRE(a.commit("corrupt index"));
  a.push();

  // Another clone syncs it (sync does not parse it) and gets a CorruptFile on load.
  auto b = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "b"));
  auto path = b.workdir() / "architectures/index.json";
  try {
    b.load_index();
    FAIL("expected CorruptFile");
  } catch (const lsqm::CorruptFile& e) {
    CHECK(e.path() == path);
    CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
  }
  CHECK(lsqm::read_file(path) == corrupt);
  CHECK_FALSE(b.commit("nothing"));

  // Valid JSON that is not an object is corrupt too.
  lsqm::write_file_atomic(path, "[1, 2]");
  CHECK_THROWS_AS(b.load_index(), lsqm::CorruptFile);
  CHECK(lsqm::read_file(path) == "[1, 2]");
}

TEST_CASE("a repository with unrelated content is refused and left untouched", "[repo]") {
  TempDir tmp("unrelated");
  SECTION("non-bare repository with a README") {
    auto dir = tmp.path / "project";
    fs::create_directories(dir);
    git_repository* r = nullptr;
    lsqm::git::ensure_initialised();
    git_repository_init_options o = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    o.initial_head = "main";
    lsqm::git::check(git_repository_init_ext(&r, dir.c_str(), &o), "init");
    git_repository_free(r);
    lsqm::write_file_atomic(dir / "README.md", "# my project\n");
    commit_tree(dir, {{"README.md", "# my project\n"}});
    auto refs = ref_names(dir);
    auto head = head_of(dir);
    CHECK_THROWS_AS(lsqm::ArtifactRepo::sync(options_for(dir, tmp.path / "data")),
                    lsqm::UnrelatedRepository);
    CHECK(ref_names(dir) == refs);
    CHECK(head_of(dir) == head);
    CHECK(lsqm::read_file(dir / "README.md") == "# my project\n");
    CHECK_FALSE(fs::exists(dir / "architectures"));
  }
  SECTION("bare repository with content on main") {
    auto bare = make_bare(tmp.path / "remote.git");
    commit_tree(bare, {{"src/main.c", "int main() {}\n"}});
    auto head = head_of(bare);
    CHECK_THROWS_AS(lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "data")),
                    lsqm::UnrelatedRepository);
    CHECK(head_of(bare) == head);
    CHECK(ref_names(bare) == std::vector<std::string>{"refs/heads/main"});
  }
  SECTION("bare repository whose only branch is another one") {
    auto bare = make_bare(tmp.path / "remote.git");
    commit_tree(bare, {{"notes.txt", "x"}}, "refs/heads/master");
    CHECK_THROWS_AS(lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "data")),
                    lsqm::UnrelatedRepository);
    CHECK(ref_names(bare) == std::vector<std::string>{"refs/heads/master"});
  }
}

TEST_CASE("an unreachable repository is RepoUnreachable naming the URL", "[repo]") {
  TempDir tmp("unreachable");
  auto expect_unreachable = [&](const std::string& url) {
    lsqm::ArtifactRepoOptions o;
    o.url = url;
    o.data_dir = tmp.path / "data";
    o.transport_program = LSQM_BINARY;  // runs __git-transport
    try {
      lsqm::ArtifactRepo::sync(o);
      FAIL("expected RepoUnreachable for " << url);
    } catch (const lsqm::RepoUnreachable& e) {
      CHECK(std::string(e.what()).find(url) != std::string::npos);
      CHECK(std::string(e.what()).find("ARTIFACT_REPO") != std::string::npos);
    }
  };
  expect_unreachable((tmp.path / "does-not-exist.git").string());
  expect_unreachable("http://127.0.0.1:1/x.git");
  fs::create_directories(tmp.path / "plain-dir");
  expect_unreachable((tmp.path / "plain-dir").string());
}

TEST_CASE("the token goes only through the credential callback", "[repo]") {
  TempDir tmp("token");
  ChallengeServer server;
  const int port = server.port();
  const std::string base = "http://127.0.0.1:" + std::to_string(port);

  auto sync_expecting_refusal = [&](const std::string& url, const std::string& token) {
    lsqm::ArtifactRepoOptions o;
    o.url = url;
    o.token = token;
    o.data_dir = tmp.path / "data";
    o.transport_program = LSQM_BINARY;  // runs __git-transport
    try {
      lsqm::ArtifactRepo::sync(o);
      FAIL("expected RepoUnreachable");
    } catch (const lsqm::RepoUnreachable& e) {
      CHECK(std::string(e.what()).find("GITHUB_TOKEN") != std::string::npos);
      CHECK(std::string(e.what()).find("s3cr3t") == std::string::npos);
      CHECK(std::string(e.what()).find("url-secret") == std::string::npos);
    }
  };
  sync_expecting_refusal(base + "/org/artifacts.git", "s3cr3t-token-value");
  sync_expecting_refusal("http://x-access-token:url-secret-42@127.0.0.1:" + std::to_string(port) +
                             "/org/other.git",
                         "");
  auto seen = server.authorizations();
  auto saw = [&](const std::string& header) {
    return std::find(seen.begin(), seen.end(), header) != seen.end();
  };
  CHECK(saw("Basic eC1hY2Nlc3MtdG9rZW46czNjcjN0LXRva2VuLXZhbHVl"));  // x-access-token:s3cr3t-…
  CHECK(saw("Basic eC1hY2Nlc3MtdG9rZW46dXJsLXNlY3JldC00Mg=="));      // x-access-token:url-secret-42
  int configs = 0;
  for (auto& e : fs::recursive_directory_iterator(tmp.path / "data")) {
    if (e.path().filename() != "config" || e.path().parent_path().filename() != ".git") continue;
    ++configs;
    auto config = lsqm::read_file(e.path());
    CHECK(config.find("s3cr3t") == std::string::npos);
    CHECK(config.find("url-secret") == std::string::npos);
    CHECK(config.find("127.0.0.1") != std::string::npos);
  }
  CHECK(configs == 2);
}

TEST_CASE("the token never reaches a local clone's .git/config", "[repo]") {
  TempDir tmp("token-local");
  auto bare = make_bare(tmp.path / "remote.git");
  auto opts = options_for(bare, tmp.path / "data");
  opts.token = "ghp_local_secret_token";
  auto repo = lsqm::ArtifactRepo::sync(opts);
  write_run(repo, "20240101T000000Z-abcdef", "h1");
  REQUIRE(repo.commit("run"));
  repo.push();
  auto config = lsqm::read_file(repo.workdir() / ".git" / "config");
  CHECK(config.find("ghp_local_secret_token") == std::string::npos);
  CHECK(config.find(bare.string()) != std::string::npos);
}

TEST_CASE("sync replays a clone's unpushed run onto a remote that moved on", "[repo]") {
  TempDir tmp("diverged");
  auto bare = make_bare(tmp.path / "remote.git");
  auto a = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "a"));
  auto b = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "b"));
  write_run(a, "20240101T000000Z-aaaaaa", "ha");  // committed, push never happened
  REQUIRE(a.commit("run a"));
  write_run(b, "20240102T000000Z-bbbbbb", "hb");
  REQUIRE(b.commit("run b"));
  b.push();
  auto remote_head = head_of(bare);

  auto a2 = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "a"));
  CHECK(head_of(bare) == remote_head);  // sync alone publishes nothing
  CHECK(a2.run_ids() == std::vector<std::string>{"20240101T000000Z-aaaaaa", "20240102T000000Z-bbbbbb"});
  CHECK(a2.load_index().contains("ha"));
  CHECK(a2.load_index().contains("hb"));
  a2.push();
  CHECK(file_at_head(bare, "runs/20240101T000000Z-aaaaaa/run.json"));
  CHECK(file_at_head(bare, "runs/20240102T000000Z-bbbbbb/run.json"));
  CHECK(trend_run_ids(*file_at_head(bare, "trends/summary.json")) ==
        std::vector<std::string>{"20240101T000000Z-aaaaaa", "20240102T000000Z-bbbbbb"});
}

TEST_CASE("the credential callback answers only for the configured host", "[repo]") {
  TempDir tmp("token-host");
  ChallengeServer server(/*redirect=*/true);
  lsqm::ArtifactRepoOptions o;
  o.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/org/artifacts.git";
  o.token = "s3cr3t-token-value";
  o.data_dir = tmp.path / "data";
  o.transport_program = LSQM_BINARY;
  CHECK_THROWS_AS(lsqm::ArtifactRepo::sync(o), lsqm::RepoUnreachable);
  auto seen = server.authorizations();
  REQUIRE(seen.size() >= 2);  // the redirect was followed to the other host name
  for (auto& header : seen) CHECK(header.empty());  // and no token went anywhere
}

TEST_CASE("a symlink in the repository is checked out as a plain file", "[repo]") {
  TempDir tmp("symlink");
  auto bare = make_bare(tmp.path / "remote.git");
  auto first = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "a"));
  auto link = first.workdir() / "architectures" / "leak";
  fs::create_symlink("/etc/hostname", link);
  REQUIRE(first.commit("a link"));
  first.push();
  auto second = lsqm::ArtifactRepo::sync(options_for(bare, tmp.path / "b"));
  auto copy = second.workdir() / "architectures" / "leak";
  CHECK_FALSE(fs::is_symlink(copy));
  CHECK(lsqm::read_file(copy) == "/etc/hostname");
  auto reader = lsqm::ArtifactRepoReader::open(options_for(bare, tmp.path / "c"));
  CHECK_FALSE(fs::is_symlink(reader.workdir() / "architectures" / "leak"));
}
