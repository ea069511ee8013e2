// Scratch directories where terraform runs over an architecture's files: made fresh, filled with
// the stored files as they are on disk, removed whatever happens.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace lsqm {

// A fresh directory "<prefix>XXXXXX" under `root` (the system temp dir when empty), removed with
// everything in it when this goes out of scope. Throws std::runtime_error when none can be made.
class ScopedTempDir {
 public:
  explicit ScopedTempDir(const std::filesystem::path& root,
                         const std::string& prefix = "lsqm-validate-");
  ~ScopedTempDir();
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes `content` to `path`, creating its directories. Throws std::runtime_error on failure.
void write_work_file(const std::filesystem::path& path, const std::string& content);

// Writes stored files (path → content, binary ones as "x.zip.b64": stored_file_on_disk) under
// `dir`. Files come from untrusted sources: a path leaving `dir` throws std::runtime_error, as
// does a write that fails.
void write_stored_files(const std::filesystem::path& dir,
                        const std::map<std::string, std::string>& files);

}  // namespace lsqm
