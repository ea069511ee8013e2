// Appends to a log-like file: each call writes its text with one write(2) on an O_APPEND
// descriptor, so records are never interleaved and a crash loses at most the one being written.
#pragma once

#include <filesystem>
#include <string_view>

namespace lsqm {

// Creates the parent directories and the file when missing. Throws FileError (naming the
// path and the system's reason, e.g. "No space left on device") when not all was written.
void append_to_file(const std::filesystem::path& path, std::string_view text);

}  // namespace lsqm
