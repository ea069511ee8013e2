// Whole-file reads and crash-safe whole-file writes: a reader never sees a half-written file.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lsqm {

// A file could not be read or written; carries the path.
class FileError : public std::runtime_error {
 public:
  FileError(std::filesystem::path path, const std::string& what)
      : std::runtime_error(what), path_(std::move(path)) {}
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Creates the parent directories, writes a temp file in the same directory, fsyncs it and
// renames it over `path`. On failure the old file (if any) is untouched. Throws FileError.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// The whole file, bytes as stored. Throws FileError naming the path.
std::string read_file(const std::filesystem::path& path);

}  // namespace lsqm
