#include "adapters/artifact_repo.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "adapters/atomic_file.h"
#include "adapters/git_handles.h"
#include "adapters/process.h"
#include "formats/repo_layout.h"
#include "formats/repo_merge.h"
#include "formats/url_userinfo.h"

namespace lsqm {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxPushAttempts = 8;
using layout::kIndexPath;

// A URL with a scheme other than file://, or scp-like ssh "user@host:path".
bool is_network_url(const std::string& url) {
  if (url.find("://") != std::string::npos) return url.rfind("file://", 0) != 0;
  auto at = url.find('@'), colon = url.find(':');
  return at != std::string::npos && colon != std::string::npos && at < colon &&
         url.find('/') > colon;
}

std::string local_path_of(const std::string& url) {
  std::string path = url.rfind("file://", 0) == 0 ? url.substr(7) : url;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return fs::absolute(path).lexically_normal().string();
}

// A readable, collision-resistant directory name for a URL's working clone.
std::string cache_name(const std::string& url) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : url) hash = (hash ^ c) * 1099511628211ull;
  auto scheme_end = url.find("://");
  std::string rest = scheme_end == std::string::npos ? url : url.substr(scheme_end + 3);
  std::string name;
  for (char c : rest) name += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  name.erase(0, name.find_first_not_of("_."));
  if (name.size() > 60) name = name.substr(name.size() - 60);
  char suffix[20];
  std::snprintf(suffix, sizeof suffix, "-%08llx", static_cast<unsigned long long>(hash & 0xffffffffu));
  return name + suffix;
}

std::string random_hex(int digits) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < digits; ++i) out += hex[rng() % 16];
  return out;
}

// Per-operation transport state: the token for the credential callback, and what the remote
// said about each pushed ref.
struct Transport {
  Transport(std::string t, std::string h) : token(std::move(t)), host(std::move(h)) {}
  std::string token;
  std::string host;  // the configured remote's host: the only one the token is given to
  int credential_calls = 0;
  std::string rejected;
};

int provide_credentials(git_credential** out, const char* url, const char*, unsigned int allowed,
                        void* payload) {
  auto* t = static_cast<Transport*>(payload);
  if (t->token.empty() || !(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)) return GIT_PASSTHROUGH;
  if (!url || url_host(url) != t->host) {  // e.g. a redirect to another host: no token there
    git_error_set_str(GIT_ERROR_NET, "credentials asked for by a host other than the configured "
                                     "artifact repository's; none given");
    return GIT_EAUTH;
  }
  if (t->credential_calls++ > 0) {  // asked again: the remote refused the token
    git_error_set_str(GIT_ERROR_NET, "the remote refused the token (GITHUB_TOKEN)");
    return GIT_EAUTH;
  }
  return git_credential_userpass_plaintext_new(out, "x-access-token", t->token.c_str());
}

int note_push_status(const char* refname, const char* status, void* payload) {
  if (status) static_cast<Transport*>(payload)->rejected = std::string(refname) + ": " + status;
  return 0;
}

git_remote_callbacks callbacks_for(Transport& t) {
  git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
  cb.credentials = provide_credentials;
  cb.push_update_reference = note_push_status;
  cb.payload = &t;
  return cb;
}

// One fetch (all of origin, pruned) or push of `spec` to origin; libgit2's return code
// (per-ref refusals land in `t`).
int transfer_in_process(git_repository* repo, const std::string& operation, std::string spec,
                        Transport& t) {
  git_remote* r = nullptr;
  git::check(git_remote_lookup(&r, repo, "origin"), "look up origin");
  git::Remote remote(r);
  if (operation == "fetch") {
    git_fetch_options opts = GIT_FETCH_OPTIONS_INIT;
    opts.callbacks = callbacks_for(t);
    opts.prune = GIT_FETCH_PRUNE;
    return git_remote_fetch(r, nullptr, &opts, "lsqm: fetch");
  }
  git_push_options opts = GIT_PUSH_OPTIONS_INIT;
  opts.callbacks = callbacks_for(t);
  char* specs[] = {spec.data()};
  git_strarray refspecs{specs, 1};
  return git_remote_push(r, &refspecs, &opts);
}

constexpr const char* kTokenVar = "LSQM_GIT_TOKEN";
constexpr const char* kHostVar = "LSQM_GIT_HOST";

// The environment of the transport child: what libgit2 needs to reach the remote, the token,
// nothing else.
std::map<std::string, std::string> transport_env(const std::string& token, const std::string& host) {
  std::map<std::string, std::string> extra = {{kTokenVar, token}, {kHostVar, host}};
  for (auto var : {"HOME", "SSL_CERT_FILE", "SSL_CERT_DIR", "http_proxy", "https_proxy",
                   "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY"})
    if (const char* v = std::getenv(var)) extra[var] = v;
  return scrubbed_env(extra);
}

[[noreturn]] void unreachable(const std::string& url, const std::string& action, int code) {
  std::string hint;
  if (code == GIT_EAUTH)
    hint = "Check that GITHUB_TOKEN is set and may read and write this repository.";
  else if (is_network_url(url))
    hint = "Check ARTIFACT_REPO and the network, or leave ARTIFACT_REPO unset to use the local "
           "default repository.";
  else
    hint = "Check that ARTIFACT_REPO names an existing git repository, or leave it unset to use "
           "the local default repository.";
  throw RepoUnreachable("cannot " + action + " artifact repository " + url + ": " +
                        git::last_error() + ". " + hint);
}

std::optional<git_oid> ref_oid(git_repository* repo, const std::string& name) {
  git_oid oid;
  int rc = git_reference_name_to_id(&oid, repo, name.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  git::check(rc, "resolve " + name);
  return oid;
}

git::Commit lookup_commit(git_repository* repo, const git_oid& oid) {
  git_commit* c = nullptr;
  git::check(git_commit_lookup(&c, repo, &oid), "look up commit");
  return git::Commit(c);
}

git::Tree tree_of(const git_commit* commit) {
  git_tree* t = nullptr;
  git::check(git_commit_tree(&t, commit), "read commit tree");
  return git::Tree(t);
}

std::string blob_text(git_repository* repo, const git_oid& oid) {
  git_blob* b = nullptr;
  git::check(git_blob_lookup(&b, repo, &oid), "read blob");
  git::Blob blob(b);
  return std::string(static_cast<const char*>(git_blob_rawcontent(b)),
                     static_cast<std::size_t>(git_blob_rawsize(b)));
}

std::optional<git_oid> tree_blob(git_tree* tree, const std::string& path) {
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree, path.c_str()) != 0) return std::nullopt;
  git::TreeEntry entry(e);
  if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(e);
}

git::Signature lsqm_signature() {
  git_signature* s = nullptr;
  git::check(git_signature_now(&s, "lsqm", "lsqm@localhost"), "create signature");
  return git::Signature(s);
}

void checkout(git_repository* repo, const git_oid& commit_oid) {
  auto commit = lookup_commit(repo, commit_oid);
  auto tree = tree_of(commit.get());
  git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
  opts.checkout_strategy = GIT_CHECKOUT_SAFE;  // never overwrite uncommitted work
  git::check(git_checkout_tree(repo, reinterpret_cast<git_object*>(tree.get()), &opts),
             "check out the artifact repository");
}

git::Repository open_or_create_clone(const fs::path& workdir, const std::string& url,
                                     const std::string& branch);

// Temp files of an interrupted write_file_atomic must never be committed.
void exclude_temp_files(const fs::path& workdir) {
  const std::string pattern = ".*.tmp-??????\n";
  auto exclude = workdir / ".git" / "info" / "exclude";
  std::string current = fs::exists(exclude) ? read_file(exclude) : "";
  if (current.find(pattern) == std::string::npos) write_file_atomic(exclude, current + pattern);
}

git::Repository open_or_init_clone(const fs::path& workdir, const std::string& url,
                                   const std::string& branch) {
  auto repo = open_or_create_clone(workdir, url, branch);
  exclude_temp_files(workdir);
  check_out_symlinks_as_files(repo.get());
  return repo;
}

git::Repository open_or_create_clone(const fs::path& workdir, const std::string& url,
                                     const std::string& branch) {
  git_repository* raw = nullptr;
  if (fs::exists(workdir / ".git")) {
    git::check(git_repository_open(&raw, workdir.c_str()), "open " + workdir.string());
    git::Repository repo(raw);
    point_origin_at(raw, url);
    return repo;
  }
  // A clone is init + fetch here: it works the same for empty and non-empty remotes.
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_MKPATH;
  opts.initial_head = branch.c_str();
  git::check(git_repository_init_ext(&raw, workdir.c_str(), &opts), "create " + workdir.string());
  git::Repository repo(raw);
  git_remote* r = nullptr;
  git::check(git_remote_create(&r, raw, "origin", url.c_str()), "add origin");
  git_remote_free(r);
  return repo;
}

}  // namespace

// A symlink committed to the repository (architectures/x/main.tf -> /etc/shadow) must never
// make lsqm read or write outside the clone: checked out as a plain file holding its target.
void check_out_symlinks_as_files(git_repository* repo) {
  git_config* cfg = nullptr;
  git::check(git_repository_config(&cfg, repo), "open the clone's config");
  int rc = git_config_set_bool(cfg, "core.symlinks", 0);
  git_config_free(cfg);
  git::check(rc, "set core.symlinks");
}

void point_origin_at(git_repository* repo, const std::string& url) {
  git_remote* r = nullptr;
  if (git_remote_lookup(&r, repo, "origin") == 0) {
    git::Remote remote(r);
    if (url != git_remote_url(r)) git::check(git_remote_set_url(repo, "origin", url.c_str()), "set origin");
  } else {
    git::check(git_remote_create(&r, repo, "origin", url.c_str()), "add origin");
    git_remote_free(r);
  }
}

namespace {

void create_bare(const fs::path& path, const std::string& branch) {
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_BARE;
  opts.initial_head = branch.c_str();
  git_repository* raw = nullptr;
  git::check(git_repository_init_ext(&raw, path.c_str(), &opts), "create " + path.string());
  git_repository_free(raw);
}

}  // namespace

CorruptFile::CorruptFile(fs::path path, const std::string& why)
    : RepoError(path.string() + ": " + why +
                " (left unchanged: repair it or restore it from the repository's history)"),
      path_(std::move(path)) {}

fs::path default_data_dir() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "lsqm";
  const char* home = std::getenv("HOME");
  if (home && *home) return fs::path(home) / ".local" / "share" / "lsqm";
  throw RepoError("cannot find lsqm's data directory: neither XDG_DATA_HOME nor HOME is set");
}

void ArtifactRepoReader::Closer::operator()(git_repository* repo) const {
  git_repository_free(repo);
}

ArtifactRepoReader::ArtifactRepoReader(const ArtifactRepoOptions& options, std::string url,
                                       std::string token, fs::path workdir, git_repository* repo)
    : url_(std::move(url)),
      branch_(options.branch),
      token_(std::move(token)),
      git_timeout_(options.git_timeout),
      transport_program_(options.transport_program),
      workdir_(std::move(workdir)),
      repo_(repo) {}

ArtifactRepoReader::~ArtifactRepoReader() = default;

// The working clone of options' repository, opened (or made) and fetched; nothing integrated.
ArtifactRepoReader ArtifactRepoReader::open_clone(const ArtifactRepoOptions& options) {
  git::ensure_initialised();
  fs::path data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  std::string token = options.token;
  std::string url;
  if (options.url.empty()) {
    auto bare = data_dir / "artifacts.git";
    if (!fs::exists(bare / "HEAD")) create_bare(bare, options.branch);
    url = bare.string();
  } else if (is_network_url(options.url)) {
    url = url_without_userinfo(options.url);  // never stored in .git/config
    if (token.empty()) token = url_secret(options.url);
  } else {
    url = local_path_of(options.url);
    if (!fs::exists(url))
      throw RepoUnreachable("cannot reach artifact repository " + url +
                            ": no such path. Check ARTIFACT_REPO, or leave it unset to use the "
                            "local default repository.");
  }
  auto workdir = data_dir / "cache" / cache_name(url);
  ArtifactRepoReader repo(options, url, token, workdir,
                          open_or_init_clone(workdir, url, options.branch).release());
  repo.fetch();
  repo.check_related();
  return repo;
}

ArtifactRepoReader ArtifactRepoReader::open(const ArtifactRepoOptions& options) {
  auto repo = open_clone(options);
  auto theirs = ref_oid(repo.repo_.get(), "refs/remotes/origin/" + repo.branch_);
  auto ours = ref_oid(repo.repo_.get(), "refs/heads/" + repo.branch_);
  bool behind = theirs && (!ours || (!git_oid_equal(&*ours, &*theirs) &&
                                     git_graph_descendant_of(repo.repo_.get(), &*theirs, &*ours) == 1));
  if (behind) repo.fast_forward_to(*theirs);  // anything else (ahead, diverged) stays as it is
  return repo;
}

ArtifactRepo ArtifactRepo::sync(const ArtifactRepoOptions& options) {
  ArtifactRepo repo(open_clone(options));
  repo.integrate_remote();
  repo.ensure_layout();
  return repo;
}

void ArtifactRepoReader::fetch() {
  std::string rejected;
  int rc = transfer("fetch", "", rejected);
  if (rc < 0) unreachable(url_, "fetch from", rc);
}

namespace {

struct ChildTransfer {
  fs::path workdir;
  std::string url;
  std::string token;
  std::string operation;  // fetch | push
  std::string spec;
  std::chrono::seconds timeout;
  fs::path program;
  std::string what;          // "artifact repository", "git source"
  std::string timeout_hint;  // what to check when the deadline passed
};

// One transfer in a `__git-transport` child killed after `timeout`; libgit2's return code
// (its message set as the last error). `what` names the repository in errors.
int transfer_in_child(const ChildTransfer& t, std::string& rejected) {
  ProcessSpec child;
  child.argv = {t.program.string(), "__git-transport", t.operation, t.workdir.string()};
  if (!t.spec.empty()) child.argv.push_back(t.spec);
  child.env = transport_env(t.token, url_host(t.url));
  child.timeout = t.timeout;
  auto r = run_process(child);
  auto shown = url_without_userinfo(t.url);
  if (r.timed_out)
    throw RepoUnreachable("cannot " + t.operation + " " + t.what + " " + shown +
                          ": no answer within " + std::to_string(t.timeout.count()) +
                          " s (git_timeout_s); the transfer was stopped. " + t.timeout_hint);
  auto line = r.output.substr(r.output.rfind('\n', r.output.size() - 2) + 1);
  auto answer = nlohmann::json::parse(line, nullptr, false);
  if (r.start_failed || !answer.is_object())
    throw RepoError("cannot " + t.operation + " " + t.what + " " + shown +
                    ": the transfer process failed: " + r.output.substr(0, 2000));
  rejected = answer.value("rejected", "");
  int rc = answer.value("rc", -1);
  if (rc < 0) git_error_set_str(GIT_ERROR_NET, answer.value("error", "").c_str());
  return rc;
}

}  // namespace

// Network remotes: in a child with a deadline, since libgit2 1.5 can wait forever on a socket.
int ArtifactRepoReader::transfer(const std::string& operation, const std::string& spec,
                                 std::string& rejected) {
  if (!is_network_url(url_)) {
    Transport t{token_, url_host(url_)};
    int rc = transfer_in_process(repo_.get(), operation, spec, t);
    rejected = t.rejected;
    return rc;
  }
  return transfer_in_child({workdir_, url_, token_, operation, spec, git_timeout_,
                            transport_program_, "artifact repository",
                            "Check ARTIFACT_REPO and the network, or raise git_timeout_s."},
                           rejected);
}

bool is_network_git_url(const std::string& url) { return is_network_url(url); }

std::string clone_dir_name(const std::string& url) { return cache_name(url); }

void fetch_origin(const fs::path& workdir, const std::string& url, std::chrono::seconds timeout,
                  const fs::path& program) {
  git::ensure_initialised();
  std::string rejected;
  int rc = 0;
  // A token in the URL goes to the credential callback, for the URL's host only.
  auto token = url_secret(url), plain = url_without_userinfo(url);
  if (is_network_url(url)) {
    rc = transfer_in_child({workdir, plain, token, "fetch", "", timeout, program, "git source",
                            "Check the URL and the network, or raise git_timeout_s."},
                           rejected);
  } else {
    git_repository* raw = nullptr;
    git::check(git_repository_open(&raw, workdir.c_str()), "open " + workdir.string());
    git::Repository repo(raw);
    Transport t{token, url_host(plain)};
    rc = transfer_in_process(raw, "fetch", "", t);
  }
  if (rc < 0) throw RepoUnreachable("cannot fetch " + plain + ": " + git::last_error());
}

int git_transport_main(const std::vector<std::string>& args) {
  auto answer = [](int rc, const std::string& error, const std::string& rejected) {
    std::puts(nlohmann::json{{"rc", rc}, {"error", error}, {"rejected", rejected}}
                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                  .c_str());
    return rc < 0 ? 1 : 0;
  };
  if (args.size() < 2 || (args[0] != "fetch" && args[0] != "push"))
    return answer(-1, "usage: __git-transport fetch|push WORKDIR [REFSPEC]", "");
  git::ensure_initialised();
  try {
    git_repository* raw = nullptr;
    git::check(git_repository_open(&raw, args[1].c_str()), "open " + args[1]);
    git::Repository repo(raw);
    const char* token = std::getenv(kTokenVar);
    const char* host = std::getenv(kHostVar);
    Transport t{token ? token : "", host ? host : ""};
    int rc = transfer_in_process(raw, args[0], args.size() > 2 ? args[2] : "", t);
    return answer(rc, rc < 0 ? git::last_error() : "", t.rejected);
  } catch (const std::exception& e) {
    return answer(-1, e.what(), "");
  }
}

// Refuses to touch a remote that is not (and is not about to become) an lsqm repository.
void ArtifactRepoReader::check_related() const {
  auto theirs = ref_oid(repo_.get(), "refs/remotes/origin/" + branch_);
  if (!theirs) {
    git_reference_iterator* it = nullptr;
    git::check(git_reference_iterator_glob_new(&it, repo_.get(), "refs/remotes/origin/*"),
               "list remote branches");
    const char* other = nullptr;
    bool found = git_reference_next_name(&other, it) == 0;
    std::string other_name = found ? other : "";
    git_reference_iterator_free(it);
    if (found)
      throw UnrelatedRepository("artifact repository " + url_ + " has no branch '" + branch_ +
                                "' but has other branches (" + other_name +
                                "); refusing to use it. Name an empty repository or an lsqm "
                                "artifact repository.");
    return;
  }
  auto commit = lookup_commit(repo_.get(), *theirs);
  auto tree = tree_of(commit.get());
  if (tree_blob(tree.get(), kIndexPath) || git_tree_entrycount(tree.get()) == 0) return;
  throw UnrelatedRepository("artifact repository " + url_ +
                            " holds content but no architectures/index.json: it is not an lsqm "
                            "artifact repository, so lsqm leaves it untouched. Name an empty "
                            "repository or an lsqm artifact repository.");
}

// Brings the local branch up to the remote one: fast-forward, or replay ours when both moved.
void ArtifactRepo::integrate_remote() {
  const std::string local_ref = "refs/heads/" + branch_;
  auto theirs = ref_oid(repo_.get(), "refs/remotes/origin/" + branch_);
  if (!theirs) return;
  auto ours = ref_oid(repo_.get(), local_ref);
  if (ours && git_oid_equal(&*ours, &*theirs)) return;
  if (ours && git_graph_descendant_of(repo_.get(), &*ours, &*theirs) == 1) return;  // ahead
  if (ours && git_graph_descendant_of(repo_.get(), &*theirs, &*ours) != 1) {
    replay_onto(*theirs);
    return;
  }
  fast_forward_to(*theirs);
}

void ArtifactRepoReader::fast_forward_to(const git_oid& theirs) {
  const std::string local_ref = "refs/heads/" + branch_;
  checkout(repo_.get(), theirs);
  git_reference* ref = nullptr;
  git::check(git_reference_create(&ref, repo_.get(), local_ref.c_str(), &theirs, 1,
                                  "lsqm: fast-forward"),
             "fast-forward " + local_ref);
  git_reference_free(ref);
  git::check(git_repository_set_head(repo_.get(), local_ref.c_str()), "set HEAD");
}

// One new commit on top of theirs holding this clone's changes since the merge base.
void ArtifactRepo::replay_onto(const git_oid& theirs_oid) {
  git_repository* repo = repo_.get();
  const std::string local_ref = "refs/heads/" + branch_;
  git_oid ours_oid = *ref_oid(repo, local_ref);
  auto ours = lookup_commit(repo, ours_oid);
  auto theirs = lookup_commit(repo, theirs_oid);
  git::Tree base_tree;  // none: unrelated histories (e.g. both initialised an empty repository)
  git_oid base_oid;
  int rc = git_merge_base(&base_oid, repo, &ours_oid, &theirs_oid);
  if (rc == 0) base_tree = tree_of(lookup_commit(repo, base_oid).get());
  else if (rc != GIT_ENOTFOUND) git::check(rc, "find merge base");
  auto ours_tree = tree_of(ours.get());
  auto theirs_tree = tree_of(theirs.get());

  git_diff* d = nullptr;
  git::check(git_diff_tree_to_tree(&d, repo, base_tree.get(), ours_tree.get(), nullptr),
             "diff local changes");
  git::Diff diff(d);
  git_index* i = nullptr;
  git::check(git_index_new(&i), "create index");
  git::Index index(i);
  git::check(git_index_read_tree(i, theirs_tree.get()), "read remote tree");
  for (std::size_t n = 0; n < git_diff_num_deltas(d); ++n) {
    const git_diff_delta* delta = git_diff_get_delta(d, n);
    if (delta->status == GIT_DELTA_DELETED) {
      git_index_remove(i, delta->old_file.path, 0);  // already gone on theirs: fine
      continue;
    }
    std::string path = delta->new_file.path;
    git_oid id = delta->new_file.id;
    if (auto their_blob = tree_blob(theirs_tree.get(), path)) {
      auto merged = merged_content(path, blob_text(repo, id), blob_text(repo, *their_blob));
      if (merged)
        git::check(git_blob_create_from_buffer(&id, repo, merged->data(), merged->size()),
                   "write merged " + path);
    }
    git_index_entry entry{};
    entry.mode = delta->new_file.mode;
    entry.id = id;
    entry.path = path.c_str();
    git::check(git_index_add(i, &entry), "stage " + path);
  }
  git_oid tree_oid;
  git::check(git_index_write_tree_to(&tree_oid, i, repo), "write replayed tree");
  git_tree* t = nullptr;
  git::check(git_tree_lookup(&t, repo, &tree_oid), "read replayed tree");
  git::Tree tree(t);
  auto sig = lsqm_signature();
  std::string message = std::string(git_commit_message(ours.get()));
  const git_commit* parents[] = {theirs.get()};
  git_oid new_oid;
  git::check(git_commit_create(&new_oid, repo, nullptr, sig.get(), sig.get(), nullptr,
                               message.c_str(), t, 1, parents),
             "commit replayed changes");
  checkout(repo, new_oid);
  git_reference* ref = nullptr;
  git::check(git_reference_create(&ref, repo, local_ref.c_str(), &new_oid, 1,
                                  "lsqm: replay onto remote head"),
             "move " + local_ref);
  git_reference_free(ref);
}

// Creates the layout files the branch has never had, and commits exactly those: whatever
// else sits in the working clone (a damaged file, half a run) is not this commit's business.
void ArtifactRepo::ensure_layout() {
  auto head = ref_oid(repo_.get(), "refs/heads/" + branch_);
  git::Tree head_tree;
  if (head) head_tree = tree_of(lookup_commit(repo_.get(), *head).get());
  std::vector<std::string> created;
  for (const auto& [path, content] : layout::initial_files()) {
    if (fs::exists(workdir_ / path) || (head_tree && tree_blob(head_tree.get(), path))) continue;
    write_file_atomic(workdir_ / path, content);
    created.push_back(path);
  }
  if (commit_paths(created, "Initialise the lsqm artifact repository layout")) push();
}

nlohmann::json ArtifactRepoReader::load_index() const {
  auto path = workdir_ / kIndexPath;
  if (!fs::exists(path) && !ref_oid(repo_.get(), "refs/heads/" + branch_))
    return nlohmann::json::object();  // an empty repository: nothing indexed yet
  std::string text;
  try {
    text = read_file(path);
  } catch (const FileError& e) {
    throw CorruptFile(path, e.what());
  }
  auto index = nlohmann::json::parse(text, nullptr, false);
  if (index.is_discarded()) throw CorruptFile(path, "not valid JSON");
  if (!index.is_object()) throw CorruptFile(path, "not a JSON object");
  return index;
}

std::vector<std::string> run_ids_in(const fs::path& workdir) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(workdir / "runs", ec)) {
    auto name = e.path().filename().string();
    if (e.is_directory() && layout::is_run_id(name)) ids.push_back(name);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool has_unpublished_work(const fs::path& workdir, const std::string& branch) {
  git::ensure_initialised();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, workdir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
    return false;
  git::Repository repo(raw);
  auto ours = ref_oid(raw, "refs/heads/" + branch);
  auto theirs = ref_oid(raw, "refs/remotes/origin/" + branch);
  if (ours && (!theirs || (!git_oid_equal(&*ours, &*theirs) &&
                           git_graph_descendant_of(raw, &*theirs, &*ours) != 1)))
    return true;
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
  git_status_list* list = nullptr;
  git::check(git_status_list_new(&list, raw, &opts), "read the status of " + workdir.string());
  bool changed = git_status_list_entrycount(list) > 0;
  git_status_list_free(list);
  return changed;
}

void ArtifactRepo::prune_runs(std::size_t keep) {
  auto ids = run_ids();  // run-id shaped names only: nothing else becomes a path
  if (ids.size() <= keep) return;
  for (std::size_t n = 0; n < ids.size() - keep; ++n) fs::remove_all(workdir_ / layout::run_dir(ids[n]));
}

bool ArtifactRepo::commit(const std::string& message) {
  git_index* i = nullptr;
  git::check(git_repository_index(&i, repo_.get()), "open index");
  git::Index index(i);
  char star[] = "*";
  char* patterns[] = {star};
  git_strarray all{patterns, 1};
  git::check(git_index_add_all(i, &all, GIT_INDEX_ADD_DEFAULT, nullptr, nullptr), "stage files");
  git::check(git_index_update_all(i, &all, nullptr, nullptr), "stage deletions");
  return commit_index(i, message);
}

bool ArtifactRepo::commit_paths(const std::vector<std::string>& paths, const std::string& message) {
  if (paths.empty()) return false;
  git_index* i = nullptr;
  git::check(git_repository_index(&i, repo_.get()), "open index");
  git::Index index(i);
  for (auto& p : paths) git::check(git_index_add_bypath(i, p.c_str()), "stage " + p);
  return commit_index(i, message);
}

// Commits what `i` holds on top of the branch; false when that changes nothing.
bool ArtifactRepo::commit_index(git_index* i, const std::string& message) {
  git_repository* repo = repo_.get();
  git::check(git_index_write(i), "write index");
  git_oid tree_oid;
  git::check(git_index_write_tree(&tree_oid, i), "write tree");
  git_tree* t = nullptr;
  git::check(git_tree_lookup(&t, repo, &tree_oid), "read tree");
  git::Tree tree(t);

  auto head = ref_oid(repo, "refs/heads/" + branch_);
  git::Commit parent;
  if (head) {
    parent = lookup_commit(repo, *head);
    if (git_oid_equal(git_commit_tree_id(parent.get()), &tree_oid)) return false;
  } else if (git_tree_entrycount(t) == 0) {
    return false;
  }
  auto sig = lsqm_signature();
  const git_commit* parents[] = {parent.get()};
  git_oid oid;
  git::check(git_commit_create(&oid, repo, "HEAD", sig.get(), sig.get(), nullptr,
                               message.c_str(), t, head ? 1 : 0, parents),
             "commit");
  return true;
}

void ArtifactRepo::push() {
  const std::string local_ref = "refs/heads/" + branch_;
  const std::string tracking_ref = "refs/remotes/origin/" + branch_;
  std::mt19937 rng{std::random_device{}()};
  for (int attempt = 1; attempt <= kMaxPushAttempts; ++attempt) {
    auto ours = ref_oid(repo_.get(), local_ref);
    if (!ours) return;  // nothing committed
    auto tracked = ref_oid(repo_.get(), tracking_ref);
    if (tracked && git_oid_equal(&*ours, &*tracked)) return;  // nothing unpublished
    if (try_push()) {
      git_reference* ref = nullptr;
      git::check(git_reference_create(&ref, repo_.get(), tracking_ref.c_str(), &*ours, 1,
                                      "lsqm: push"),
                 "update " + tracking_ref);
      git_reference_free(ref);
      return;
    }
    // Lost a race: take the new remote head, put our changes on top, try again.
    fetch();
    integrate_remote();
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % (20 * attempt + 1)));
  }
  throw PushRejected("push to artifact repository " + url_ + " was still rejected after " +
                     std::to_string(kMaxPushAttempts) + " attempts" +
                     (last_rejection_.empty() ? "" : " (" + last_rejection_ + ")") +
                     "; the changes stay committed in " + workdir_.string() +
                     " and are pushed by the next `lsqm push`.");
}

bool ArtifactRepo::try_push() {
  return is_network_url(url_) ? try_push_remote() : try_push_local();
}

// A smart-protocol server updates the ref atomically and says why it refused.
bool ArtifactRepo::try_push_remote() {
  std::string rejected;
  int rc = transfer("push", "refs/heads/" + branch_ + ":refs/heads/" + branch_, rejected);
  if (rc == GIT_ENONFASTFORWARD) {
    last_rejection_ = git::last_error();
    return false;
  }
  if (rc < 0) unreachable(url_, "push to", rc);
  if (!rejected.empty()) {
    last_rejection_ = rejected;
    return false;
  }
  return true;
}

// libgit2's local transport overwrites the remote ref without checking its old value, so two
// concurrent pushes could silently drop one run. Instead: send the objects to a private ref,
// then move the branch with a compare-and-swap under the remote's ref lock.
bool ArtifactRepo::try_push_local() {
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, url_.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
  if (rc < 0) unreachable(url_, "push to", rc);
  git::Repository target(raw);
  if (!git_repository_is_bare(raw))
    throw RepoError("cannot push to artifact repository " + url_ +
                    ": it is a non-bare repository (it has a working tree); use a bare "
                    "repository (git init --bare, or git clone --bare).");

  const std::string branch_ref = "refs/heads/" + branch_;
  const std::string incoming = "refs/lsqm/incoming/" + random_hex(16);
  std::string rejected;
  rc = transfer("push", "+" + branch_ref + ":" + incoming, rejected);
  if (rc < 0) unreachable(url_, "push to", rc);

  git_oid ours = *ref_oid(repo_.get(), branch_ref);
  auto tracked = ref_oid(repo_.get(), "refs/remotes/origin/" + branch_);
  git_reference* out = nullptr;
  if (tracked && git_graph_descendant_of(repo_.get(), &ours, &*tracked) != 1)
    rc = GIT_EMODIFIED;  // not based on what we last saw: integrate first
  else if (tracked)
    rc = git_reference_create_matching(&out, raw, branch_ref.c_str(), &ours, 1, &*tracked,
                                       "lsqm: push");
  else
    rc = git_reference_create(&out, raw, branch_ref.c_str(), &ours, 0, "lsqm: push");
  std::string error = rc < 0 ? git::last_error() : "";
  git_reference_free(out);
  git_reference_remove(raw, incoming.c_str());
  if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) {
    last_rejection_ = error.empty() ? "remote branch moved" : error;
    return false;
  }
  if (rc < 0) throw RepoError("cannot update " + branch_ref + " in " + url_ + ": " + error);
  return true;
}

}  // namespace lsqm
