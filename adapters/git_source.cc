#include "adapters/git_source.h"

#include <optional>
#include <system_error>
#include <vector>

#include "adapters/artifact_repo.h"
#include "adapters/git_handles.h"
#include "adapters/local_source.h"
#include "formats/url_userinfo.h"

namespace lsqm {
namespace fs = std::filesystem;
namespace {

git::Repository open_repository(const fs::path& dir) {
  git_repository* raw = nullptr;
  git::check(git_repository_open(&raw, dir.c_str()), "open " + dir.string());
  return git::Repository(raw);
}

// The cache clone, made on first use; origin always points at `url`. A symlink in a
// stranger's repository is checked out as a plain file holding its target.
git::Repository open_cache_clone(const fs::path& dir, const std::string& url) {
  git_repository* raw = nullptr;
  if (fs::exists(dir / ".git")) {
    git::check(git_repository_open(&raw, dir.c_str()), "open " + dir.string());
  } else {
    git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    opts.flags = GIT_REPOSITORY_INIT_MKPATH;
    git::check(git_repository_init_ext(&raw, dir.c_str(), &opts), "create " + dir.string());
  }
  git::Repository repo(raw);
  point_origin_at(raw, url);
  check_out_symlinks_as_files(raw);
  return repo;
}

std::optional<git_oid> commit_of(git_repository* repo, const std::string& spec) {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo, spec.c_str()) != 0) return std::nullopt;
  git_object* peeled = nullptr;
  int rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
  git_object_free(obj);
  if (rc != 0) return std::nullopt;
  git_oid oid = *git_object_id(peeled);
  git_object_free(peeled);
  return oid;
}

// A fetched branch, then a tag, then a commit id: what `ref` names on the remote.
std::optional<git_oid> resolve_ref(git_repository* repo, const std::string& ref) {
  std::vector<std::string> names;
  for (const auto& r : ref.empty() ? std::vector<std::string>{"main", "master"}
                                   : std::vector<std::string>{ref}) {
    names.push_back("refs/remotes/origin/" + r);
    names.push_back("refs/tags/" + r);
  }
  if (!ref.empty() && ref.find_first_not_of("0123456789abcdef") == std::string::npos)
    names.push_back(ref);
  for (const auto& name : names)
    if (auto oid = commit_of(repo, name)) return oid;
  return std::nullopt;
}

// The work tree becomes exactly the commit's tree: local edits and stray files are dropped.
void check_out(git_repository* repo, const git_oid& oid) {
  git_commit* c = nullptr;
  git::check(git_commit_lookup(&c, repo, &oid), "look up commit");
  git::Commit commit(c);
  git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
  opts.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_REMOVE_UNTRACKED;
  git::check(git_checkout_tree(repo, reinterpret_cast<const git_object*>(c), &opts), "check out");
  git::check(git_repository_set_head_detached(repo, &oid), "detach HEAD");
}

}  // namespace

bool is_git_location(const std::string& location) {
  if (location.find("://") != std::string::npos || is_network_git_url(location)) return true;
  std::error_code ec;
  fs::path p(location);
  if (p.extension() == ".git") return true;
  return fs::is_regular_file(p / "HEAD", ec) && fs::is_directory(p / "objects", ec);
}

FetchedTree fetch_git_source(const std::string& url, const std::string& ref,
                             const GitSourceSettings& settings) {
  git::ensure_initialised();
  auto shown = url_without_userinfo(url);
  // One clone per URL and ref: two refs of one repository are mined side by side.
  auto dir = settings.cache_root / clone_dir_name(ref.empty() ? shown : shown + "#" + ref);
  try {
    // A local path must hold a repository: libgit2 would otherwise fetch "nothing" from it.
    if (!is_network_git_url(url) && url.rfind("file://", 0) != 0) open_repository(url);
    auto repo = open_cache_clone(dir, shown);  // the token stays out of .git/config
    fetch_origin(dir, url, settings.timeout, settings.transport_program);
    auto oid = resolve_ref(repo.get(), ref);
    if (!oid)
      throw SourceError(ref.empty() ? "neither branch 'main' nor 'master' found (set \"ref\")"
                                    : "ref '" + ref + "' is not a branch, tag or commit there");
    check_out(repo.get(), *oid);
    return {dir, git_oid_tostr_s(&*oid)};
  } catch (const SourceError&) {
    throw;
  } catch (const std::exception& e) {  // GitError, RepoError: libgit2's message
    throw SourceError(e.what());
  }
}

}  // namespace lsqm
