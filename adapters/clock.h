// Wall-clock time as ISO 8601 UTC strings.
#pragma once

#include <chrono>
#include <string>

namespace lsqm {

// 2026-11-22T04:05:00Z, or with milliseconds 2026-11-22T04:05:00.123Z (log lines).
std::string utc_iso(std::chrono::system_clock::time_point t, bool with_millis = false);
inline std::string utc_now_iso() { return utc_iso(std::chrono::system_clock::now()); }

}  // namespace lsqm
