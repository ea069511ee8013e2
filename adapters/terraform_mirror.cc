#include "adapters/terraform_mirror.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
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

namespace {

// "5.100.0" -> {5, 100, 0}; non-numeric parts read as 0 (pre-releases sort with their base).
std::vector<long> version_key(const std::string& v) {
  std::vector<long> key;
  std::size_t start = 0;
  while (start <= v.size()) {
    auto dot = v.find('.', start);
    auto part = v.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    key.push_back(std::strtol(part.c_str(), nullptr, 10));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return key;
}

std::optional<fs::path> provider_executable(const fs::path& version_dir) {
  std::error_code ec;
  for (fs::directory_iterator os(version_dir, ec), end; !ec && os != end; os.increment(ec))
    for (fs::directory_iterator f(os->path(), ec), fend; !ec && f != fend; f.increment(ec)) {
      auto name = f->path().filename().string();
      if (name.rfind("terraform-provider-aws", 0) == 0 && f->is_regular_file(ec) &&
          ::access(f->path().c_str(), X_OK) == 0)
        return f->path();
    }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> mirror_aws_versions(const fs::path& mirror) {
  auto aws = mirror / "registry.terraform.io" / "hashicorp" / "aws";
  std::vector<std::string> versions;
  std::error_code ec;
  for (fs::directory_iterator it(aws, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec)) versions.push_back(it->path().filename().string());
  return versions;
}

std::optional<ProviderBinary> find_aws_provider_binary(const fs::path& mirror,
                                                       const std::string& version) {
  auto aws = mirror / "registry.terraform.io" / "hashicorp" / "aws";
  auto versions = mirror_aws_versions(mirror);
  std::sort(versions.begin(), versions.end(),
            [](auto& a, auto& b) { return version_key(a) > version_key(b); });
  for (auto& v : versions) {
    if (!version.empty() && v != version) continue;
    if (auto exe = provider_executable(aws / v)) return ProviderBinary{*exe, v};
  }
  return std::nullopt;
}

}  // namespace lsqm
