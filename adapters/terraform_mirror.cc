#include "adapters/terraform_mirror.h"

#include <deque>
#include <utility>

namespace lsqm {

namespace fs = std::filesystem;

namespace {

bool is_aws_mirror(const fs::path& dir) {
  std::error_code ec;
  fs::path aws = dir / "registry.terraform.io" / "hashicorp" / "aws";
  if (!fs::is_directory(aws, ec)) return false;
  for (fs::directory_iterator it(aws, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) return true;  // a version directory
  return false;
}

}  // namespace

std::optional<fs::path> find_provider_mirror(const std::vector<fs::path>& roots, int max_depth) {
  std::deque<std::pair<fs::path, int>> queue;
  for (auto& r : roots) queue.emplace_back(r, 0);
  while (!queue.empty()) {
    auto [dir, depth] = queue.front();
    queue.pop_front();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    if (is_aws_mirror(dir)) return dir;
    if (depth >= max_depth) continue;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      std::error_code e2;
      if (it->is_directory(e2) && !it->is_symlink(e2)) queue.emplace_back(it->path(), depth + 1);
    }
  }
  return std::nullopt;
}

}  // namespace lsqm
