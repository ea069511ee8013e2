#include "adapters/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace lsqm {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& action, int err) {
  throw FileError(path, "cannot " + action + " " + path.string() + ": " + std::strerror(err));
}

void write_all(int fd, std::string_view content, const std::filesystem::path& path) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(path, "write", errno);
    content.remove_prefix(static_cast<std::size_t>(n));
  }
}

// Makes the rename itself durable; best effort (some filesystems refuse fsync on a directory).
void sync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  auto dir = path.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail(path, "create the directory of", ec.value());
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) fail(path, "create a temp file for", errno);
  std::filesystem::path tmp(name.data());
  try {
    if (::fchmod(fd, 0644) != 0) fail(path, "chmod the temp file of", errno);
    write_all(fd, content, path);
    if (::fsync(fd) != 0) fail(path, "fsync", errno);
    if (::close(fd) != 0) {
      fd = -1;
      fail(path, "close", errno);
    }
    fd = -1;
    if (::rename(tmp.c_str(), path.c_str()) != 0) fail(path, "rename a temp file onto", errno);
  } catch (...) {
    if (fd >= 0) ::close(fd);
    std::filesystem::remove(tmp, ec);
    throw;
  }
  sync_directory(dir);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "open", errno);
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) fail(path, "read", errno);
  return out.str();
}

}  // namespace lsqm
