// A git repository as a source of architectures: cloned or fetched with libgit2 into the
// cache, its tree at the fetched commit checked out there for mining.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace lsqm {

struct GitSourceSettings {
  std::filesystem::path cache_root;  // <data dir>/cache/sources
  std::chrono::seconds timeout{120};  // git_timeout_s: deadline of one network fetch
  std::filesystem::path transport_program = "/proc/self/exe";  // runs lsqm's __git-transport
};

struct FetchedTree {
  std::filesystem::path dir;  // the tree at `commit`, checked out (symlinks as plain files)
  std::string commit;         // full hex id
};

// True for a location mined as git when given as a plain string: a URL with a scheme, an
// scp-like "user@host:path", or a path to a bare repository or ending in ".git".
bool is_git_location(const std::string& location);

// Fetches `url` (a network URL or a local repository path) into
// cache_root/<clone_dir_name(url without userinfo, ref)> and checks out `ref` (a branch, tag
// or commit; empty: main, else master) over whatever is there. Throws SourceError with the
// cause (unreachable, not a repository, unknown ref); the caller names the source.
FetchedTree fetch_git_source(const std::string& url, const std::string& ref,
                             const GitSourceSettings& settings);

}  // namespace lsqm
