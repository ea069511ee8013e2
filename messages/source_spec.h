// One configured source of architectures: a local directory tree or a git repository.
#pragma once

#include <string>
#include <vector>

namespace lsqm {

struct SourceSpec {
  // "local", "git", or "" for a plain string (a git URL or bare repository is mined as git,
  // anything else as a directory).
  std::string kind{};
  std::string location{};  // the directory, or the git URL / repository path
  std::string ref{};       // git: branch, tag or commit; empty: main, else master
  std::vector<std::string> paths{};    // git: globs a unit's path must match (empty: all)
  std::vector<std::string> exclude{};  // git: globs no unit's path may match

  bool operator==(const SourceSpec&) const = default;
};

}  // namespace lsqm
