// Wall-clock time as ISO 8601 UTC strings.
#pragma once

#include <chrono>
#include <string>

namespace lsqm {

// e.g. 2026-11-22T04:05:00Z
std::string utc_iso(std::chrono::system_clock::time_point t);
inline std::string utc_now_iso() { return utc_iso(std::chrono::system_clock::now()); }

}  // namespace lsqm
