// A zip archive built in memory (libzip), deterministic: the same files give the same bytes
// (entries sorted by name, fixed timestamps and permissions), so a Lambda package lsqm builds
// never changes an architecture's content hash by itself.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace lsqm {

struct ZipError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `files`: path inside the archive ('/' separators) → content. Every entry is deflated, dated
// 1980-01-01 00:00 (the zip epoch) and given Unix mode 0644, or 0755 for a file named
// `bootstrap` (a custom runtime's entry point must be executable). Throws ZipError.
std::string deterministic_zip(const std::map<std::string, std::string>& files);

// The entries of a zip archive: name → content. Throws ZipError when it is not one.
std::map<std::string, std::string> read_zip(const std::string& archive);

}  // namespace lsqm
