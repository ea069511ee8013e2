// The artifact repository: a git repository (libgit2) holding the index, apps, runs, the
// dashboard and trends (layout: /work/helper-formats.md). lsqm works in a private clone under
// its data dir and publishes with push; a push that loses a race is replayed and retried.
#pragma once

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

namespace lsqm {

struct ArtifactRepoOptions {
  std::string url;  // https URL, or path of a local (bare or non-bare) repository; empty = default
  std::filesystem::path data_dir;  // empty = default_data_dir(); default bare repo is
                                   // data_dir/artifacts.git, clones live in data_dir/cache/<name>
  std::string token;               // GITHUB_TOKEN: given only through the credential callback
  std::string branch = "main";
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

// One object per working clone, used by one thread at a time (a run's reporter owns it).
// The run ids in a working clone: the directories under runs/ (hidden ones left out),
// sorted ascending, so oldest first. None when runs/ is missing.
std::vector<std::string> run_ids_in(const std::filesystem::path& workdir);

class ArtifactRepo {
 public:
  // Clones (first time) or fetches + fast-forwards the working clone; creates the default bare
  // repository when url is empty and it does not exist; initialises an empty repository with
  // the layout (commit + push); refuses a repository with unrelated content.
  static ArtifactRepo sync(const ArtifactRepoOptions& options);

  const std::filesystem::path& workdir() const { return workdir_; }
  const std::string& url() const { return url_; }

  // architectures/index.json; throws CorruptFile when it is not a JSON object (never rewrites it).
  nlohmann::json load_index() const;
  std::vector<std::string> run_ids() const { return run_ids_in(workdir_); }

  // Stages everything (adds, changes, deletions) and commits; false when nothing changed.
  bool commit(const std::string& message);
  // Publishes the branch. A non-fast-forward rejection fetches, replays this clone's unpushed
  // changes onto the new remote head (index and trends merge, deletions stay deleted, other
  // paths take ours) and pushes again, a bounded number of times. Throws PushRejected after that.
  void push();
  // Deletes runs/<id> beyond the newest `keep` from the working tree (commit to publish).
  void prune_runs(std::size_t keep);

 private:
  struct Closer {
    void operator()(git_repository* repo) const;
  };
  ArtifactRepo(std::string url, std::string branch, std::string token,
               std::filesystem::path workdir, git_repository* repo);

  void fetch();
  void integrate_remote();
  void replay_onto(const git_oid& theirs);
  void ensure_layout();
  bool try_push();
  bool try_push_local();
  bool try_push_remote();
  void check_related() const;

  std::string url_;
  std::string branch_;
  std::string token_;
  std::filesystem::path workdir_;
  std::unique_ptr<git_repository, Closer> repo_;
  std::string last_rejection_;  // the remote's reason for the last refused push
};

}  // namespace lsqm
