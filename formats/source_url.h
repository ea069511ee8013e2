// Where a unit mined from a git source came from, as a URL a reader can open, and which unit
// paths a source's globs select. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

namespace lsqm {

// "OWNER/REPO" of a GitHub remote (https://github.com/O/R(.git), git@github.com:O/R.git,
// ssh://git@github.com/O/R); empty for any other remote.
std::string github_repo_of(const std::string& remote_url);

// The recorded source URL of the unit at `path` (relative, '/'-separated; empty or "." for the
// repository root) at `commit`: https://github.com/OWNER/REPO/tree/COMMIT/PATH for GitHub,
// URL#COMMIT:PATH otherwise. Userinfo (a token) in the remote URL is never part of it.
std::string git_unit_url(const std::string& remote_url, const std::string& commit,
                         const std::string& path);

// A unit's identity across commits: its source URL with the commit left out (a GitHub tree
// URL's or URL#COMMIT:PATH's); any other URL as it is.
std::string unit_identity(const std::string& source_url);

// True when `path` (or one of its parent directories) matches a glob of `paths` (or `paths`
// is empty) and neither it nor a parent matches a glob of `exclude` (fnmatch; '*' spans '/').
bool path_selected(const std::string& path, const std::vector<std::string>& paths,
                   const std::vector<std::string>& exclude);

}  // namespace lsqm
