#include "adapters/capped_read.h"

#include <fstream>

namespace lsqm {
namespace fs = std::filesystem;

namespace {

std::string read_range(std::ifstream& in, std::streamoff from, std::size_t n) {
  std::string out(n, '\0');
  in.seekg(from);
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

}  // namespace

std::optional<std::string> read_file_within(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size > max_bytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return read_range(in, 0, max_bytes);  // never more than the cap, even if it grew since
}

std::string read_file_head_tail(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) return {};
  if (size <= max_bytes) return read_range(in, 0, max_bytes);
  const std::size_t half = max_bytes / 2;
  return read_range(in, 0, half) + "\n[… " + std::to_string(size - 2 * half) + " bytes cut …]\n" +
         read_range(in, static_cast<std::streamoff>(size - half), half);
}

}  // namespace lsqm
