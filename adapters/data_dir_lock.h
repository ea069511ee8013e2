// One lsqm at a time per data directory: two processes sharing a working clone would mix
// their commits and could finish each other's runs. The lock is an flock(2) on
// <data dir>/lsqm.lock, so the kernel drops it when the holder dies, even by SIGKILL.
#pragma once

#include <filesystem>
#include <stdexcept>

namespace lsqm {

// Another live process holds the lock; what() names it and says what to do.
class DataDirBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DataDirLock {
 public:
  // Creates the directory when missing. Never waits: throws DataDirBusy when held elsewhere.
  explicit DataDirLock(const std::filesystem::path& data_dir);
  ~DataDirLock();
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace lsqm
