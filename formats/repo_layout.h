// The artifact repository's layout: where each record lives, spelled once, and the shapes a
// name read from the repository (an index key, a run directory) must have before it becomes
// part of a path. Pure: no I/O.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lsqm::layout {

inline constexpr const char* kIndexPath = "architectures/index.json";
// git source URL (no userinfo) → {"commit", "mined_at"}: the commit each source was last mined
// at (what `watch` compares a fetched head with).
inline constexpr const char* kSourcesPath = "architectures/sources.json";
inline constexpr const char* kSummaryTrendPath = "trends/summary.json";
inline constexpr const char* kServicesTrendPath = "trends/services.json";
inline constexpr const char* kReportPath = "reports/latest/index.html";

// What an empty repository is initialised with: (relative path, content).
const std::vector<std::pair<std::string, std::string>>& initial_files();

// A content hash: 64 lowercase hex characters.
bool is_arch_hash(std::string_view s);
// A run id: "YYYYMMDDTHHMMSSZ-xxxxxx" (digits, 'T', 'Z', 6 lowercase hex).
bool is_run_id(std::string_view s);

// A name from the repository that does not have its shape; never used as a path.
class InvalidName : public std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Relative paths inside the working clone; throw InvalidName for a malformed hash or id.
std::filesystem::path arch_dir(std::string_view hash);  // architectures/<hash>
std::filesystem::path app_dir(std::string_view hash);   // apps/<hash>
std::filesystem::path run_dir(std::string_view run_id);  // runs/<id>

}  // namespace lsqm::layout
