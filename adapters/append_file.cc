#include "adapters/append_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "adapters/atomic_file.h"

namespace lsqm {

void append_to_file(const std::filesystem::path& path, std::string_view text) {
  auto fail = [&](const std::string& what) {
    throw FileError(path, "cannot " + what + " " + path.string() + ": " + std::strerror(errno));
  };
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) fail("open");
  std::size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      int saved = errno;
      ::close(fd);
      errno = saved;
      fail("append to");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail("close");
}

}  // namespace lsqm
