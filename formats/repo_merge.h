// How two versions of the repository's shared records combine when a push lost a race.
// Pure functions over file contents, so they can be fuzzed.
#pragma once

#include <optional>
#include <string>

namespace lsqm {

// index.json: union of keys, ours wins per key. Unparseable input: ours as it is.
std::string merge_index(const std::string& ours, const std::string& theirs);

// Trend arrays: union by run_id (ours wins), sorted by run_id. Unparseable input: ours.
std::string merge_trend(const std::string& ours, const std::string& theirs);

// The content of a changed path of ours on top of theirs, or nullopt to take ours unchanged.
std::optional<std::string> merged_content(const std::string& path, const std::string& ours,
                                          const std::string& theirs);

}  // namespace lsqm
