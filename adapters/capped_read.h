// Reading files that untrusted code wrote (a JUnit report, a child's log) without letting their
// size decide how much memory lsqm uses.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace lsqm {

// The whole file when it is at most `max_bytes` long; nullopt when larger or unreadable.
std::optional<std::string> read_file_within(const std::filesystem::path& path,
                                            std::size_t max_bytes);

// The file, or when longer than `max_bytes` its head and tail (half each) around a
// "[… N bytes cut …]" line; empty when unreadable.
std::string read_file_head_tail(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace lsqm
