// The artifact repository: a git repository (libgit2) holding the index, apps, runs, the
// dashboard and trends (layout: /work/helper-formats.md). lsqm works in a private clone under
// its data dir and publishes with push; a push that loses a race is replayed and retried.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

// libgit2 stays out of this header: the clone is an opaque handle here.
struct git_repository;
struct git_oid;
struct git_index;

namespace lsqm {

struct ArtifactRepoOptions {
  std::string url;  // https URL, or path of a local (bare or non-bare) repository; empty = default
  std::filesystem::path data_dir;  // empty = default_data_dir(); default bare repo is
                                   // data_dir/artifacts.git, clones live in data_dir/cache/<name>
  std::string token;               // GITHUB_TOKEN: given only through the credential callback
  std::string branch = "main";
  // Deadline of one network fetch or push. libgit2 1.5 has none of its own, so each runs in a
  // child process (`transport_program __git-transport ...`) that is killed when it is over.
  std::chrono::seconds git_timeout{120};
  std::filesystem::path transport_program = "/proc/self/exe";  // a binary running lsqm's main
};

// $XDG_DATA_HOME/lsqm, else $HOME/.local/share/lsqm.
std::filesystem::path default_data_dir();

// Base of every artifact repository failure.
class RepoError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Clone, fetch or push could not talk to the remote (or it refused our credentials).
class RepoUnreachable : public RepoError {
  using RepoError::RepoError;
};
// A file in the repository is not what its format says; the file is left as it is.
class CorruptFile : public RepoError {
 public:
  CorruptFile(std::filesystem::path path, const std::string& why);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};
// The repository holds content that is not an lsqm artifact repository.
class UnrelatedRepository : public RepoError {
  using RepoError::RepoError;
};
// The push was still rejected after every replay-and-retry.
class PushRejected : public RepoError {
  using RepoError::RepoError;
};

// The run ids in a working clone: the directories under runs/ that have the run-id shape,
// sorted ascending, so oldest first. None when runs/ is missing.
std::vector<std::string> run_ids_in(const std::filesystem::path& workdir);

// True when the working clone at `workdir` holds work the remote does not have: commits on
// `branch` not on origin/`branch`, or changes not committed yet. False when there is no clone.
bool has_unpublished_work(const std::filesystem::path& workdir, const std::string& branch);

// A working clone opened for reading: it can fetch and fast-forward, never commit or push
// (those live in ArtifactRepo only). Read-only commands get nothing else.
class ArtifactRepoReader {
 public:
  // Clones (first time) or fetches, then fast-forwards the local branch when it is strictly
  // behind and the working tree allows it. Initialises nothing: an empty repository stays empty.
  static ArtifactRepoReader open(const ArtifactRepoOptions& options);

  const std::filesystem::path& workdir() const { return workdir_; }
  const std::string& url() const { return url_; }  // never with credentials

  // architectures/index.json; throws CorruptFile when it is not a JSON object (never rewrites
  // it). An empty repository (no commit yet) has an empty index.
  nlohmann::json load_index() const;
  std::vector<std::string> run_ids() const { return run_ids_in(workdir_); }

  ArtifactRepoReader(ArtifactRepoReader&&) = default;
  ArtifactRepoReader& operator=(ArtifactRepoReader&&) = default;
  ~ArtifactRepoReader();

 protected:
  struct Closer {
    void operator()(git_repository* repo) const;
  };
  ArtifactRepoReader(const ArtifactRepoOptions& options, std::string url, std::string token,
                     std::filesystem::path workdir, git_repository* repo);
  static ArtifactRepoReader open_clone(const ArtifactRepoOptions& options);

  void fetch();
  void fast_forward_to(const git_oid& theirs);
  void check_related() const;
  // libgit2 fetch or push of `spec` to origin, in a killable child for network remotes.
  int transfer(const std::string& operation, const std::string& spec, std::string& rejected);

  std::string url_;
  std::string branch_;
  std::string token_;
  std::chrono::seconds git_timeout_;
  std::filesystem::path transport_program_;
  std::filesystem::path workdir_;
  std::unique_ptr<git_repository, Closer> repo_;
};

// The working clone of a command that writes: everything a reader does, plus the layout
// initialisation, commits and pushes.
class ArtifactRepo : public ArtifactRepoReader {
 public:
  // Clones (first time) or fetches + integrates the working clone; creates the default bare
  // repository when url is empty and it does not exist; initialises an empty repository with
  // the layout (commit of exactly the layout files it created + push); refuses a repository
  // with unrelated content.
  static ArtifactRepo sync(const ArtifactRepoOptions& options);

  // Stages everything (adds, changes, deletions) and commits; false when nothing changed.
  bool commit(const std::string& message);
  // Publishes the branch. A non-fast-forward rejection fetches, replays this clone's unpushed
  // changes onto the new remote head (index and trends merge, deletions stay deleted, other
  // paths take ours) and pushes again, a bounded number of times. Throws PushRejected after that.
  void push();
  // Deletes runs/<id> beyond the newest `keep` from the working tree (commit to publish).
  void prune_runs(std::size_t keep);

 private:
  explicit ArtifactRepo(ArtifactRepoReader&& reader) : ArtifactRepoReader(std::move(reader)) {}

  void integrate_remote();
  void replay_onto(const git_oid& theirs);
  void ensure_layout();
  bool commit_paths(const std::vector<std::string>& paths, const std::string& message);
  bool commit_index(git_index* index, const std::string& message);
  bool try_push();
  bool try_push_local();
  bool try_push_remote();

  std::string last_rejection_;  // the remote's reason for the last refused push
};

// A symlink in the clone's commits is checked out as a plain file holding its target, so a
// stranger's repository never makes lsqm read or write outside the clone.
void check_out_symlinks_as_files(git_repository* repo);

// The clone's remote "origin" is `url` (added, or its URL changed).
void point_origin_at(git_repository* repo, const std::string& url);

// True for a URL reached over the network: a scheme other than file://, or "user@host:path".
bool is_network_git_url(const std::string& url);

// A readable, collision-resistant directory name for a URL's working clone.
std::string clone_dir_name(const std::string& url);

// One fetch of origin (every branch, pruned) into the clone at `workdir`, whose origin is
// `url` without its userinfo; a token in `url` is given only to its host. A network URL in a `program __git-transport` child killed after
// `timeout`, a local repository in process. Throws RepoUnreachable naming the URL (without
// userinfo) and libgit2's message, RepoError when the child could not run.
void fetch_origin(const std::filesystem::path& workdir, const std::string& url,
                  std::chrono::seconds timeout, const std::filesystem::path& program);

// The hidden `lsqm __git-transport` subcommand: one libgit2 fetch or push on a working clone
// (args: fetch|push WORKDIR [REFSPEC]; token and allowed host from the environment). Prints
// one JSON line {"rc","error","rejected"}; returns the process exit code.
int git_transport_main(const std::vector<std::string>& args);

}  // namespace lsqm
