#include "adapters/clock.h"

#include <cstdio>
#include <ctime>

namespace lsqm {

std::string utc_iso(std::chrono::system_clock::time_point t, bool with_millis) {
  using namespace std::chrono;
  auto secs = floor<seconds>(t);
  auto time = system_clock::to_time_t(time_point_cast<system_clock::duration>(secs));
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (with_millis) {
    char ms[8];
    std::snprintf(ms, sizeof ms, ".%03d",
                  static_cast<int>(duration_cast<milliseconds>(t - secs).count()));
    out += ms;
  }
  return out + "Z";
}

}  // namespace lsqm
