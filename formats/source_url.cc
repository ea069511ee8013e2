#include "formats/source_url.h"

#include <fnmatch.h>

#include <algorithm>

#include "formats/url_userinfo.h"

namespace lsqm {
namespace {

std::string without_suffix(std::string s, const std::string& suffix) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  if (s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0)
    s.resize(s.size() - suffix.size());
  return s;
}

// "OWNER/REPO" when `rest` is exactly two non-empty segments.
std::string owner_repo(const std::string& rest) {
  auto repo = without_suffix(rest, ".git");
  auto slash = repo.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == repo.size() ||
      repo.find('/', slash + 1) != std::string::npos)
    return "";
  return repo;
}

std::string normalised_path(const std::string& path) {
  std::string p = path;
  while (p.starts_with("./")) p.erase(0, 2);
  while (!p.empty() && p.back() == '/') p.pop_back();
  return p == "." ? "" : p;
}

bool any_match(const std::vector<std::string>& globs, const std::string& path) {
  for (std::string p = path;; p = p.substr(0, p.rfind('/'))) {
    for (auto& g : globs)
      if (fnmatch(g.c_str(), p.c_str(), 0) == 0) return true;
    if (p.find('/') == std::string::npos) return false;
  }
}

}  // namespace

std::string github_repo_of(const std::string& remote_url) {
  auto url = url_without_userinfo(remote_url);
  for (auto prefix : {"https://github.com/", "http://github.com/", "ssh://github.com/",
                      "git://github.com/", "git@github.com:"})
    if (url.starts_with(prefix)) return owner_repo(url.substr(std::string(prefix).size()));
  return "";
}

std::string git_unit_url(const std::string& remote_url, const std::string& commit,
                         const std::string& path) {
  auto rel = normalised_path(path);
  if (auto repo = github_repo_of(remote_url); !repo.empty())
    return "https://github.com/" + repo + "/tree/" + commit + (rel.empty() ? "" : "/" + rel);
  return url_without_userinfo(remote_url) + "#" + commit + (rel.empty() ? "" : ":" + rel);
}

std::string unit_identity(const std::string& source_url) {
  if (source_url.starts_with("https://github.com/")) {
    auto tree = source_url.find("/tree/");
    if (tree == std::string::npos) return source_url;
    auto commit_end = std::min(source_url.find('/', tree + 6), source_url.size());
    return source_url.substr(0, tree + 6) + source_url.substr(commit_end);
  }
  auto hash = source_url.rfind('#');
  if (hash == std::string::npos || source_url.starts_with("file://")) return source_url;
  auto colon = std::min(source_url.find(':', hash), source_url.size());
  return source_url.substr(0, hash + 1) + source_url.substr(colon);
}

bool path_selected(const std::string& path, const std::vector<std::string>& paths,
                   const std::vector<std::string>& exclude) {
  auto rel = normalised_path(path);
  if (!paths.empty() && !any_match(paths, rel)) return false;
  return exclude.empty() || !any_match(exclude, rel);
}

}  // namespace lsqm
