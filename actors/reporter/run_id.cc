#include "actors/reporter/run_id.h"

#include <ctime>
#include <random>
#include <stdexcept>

#include "formats/repo_layout.h"

namespace lsqm {
namespace {
bool is_suffix(const std::string& s) {
  return s.size() == 6 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}
}  // namespace

std::string make_run_id(std::chrono::system_clock::time_point t, std::string random6) {
  if (!is_suffix(random6))
    throw std::invalid_argument("run id suffix must be 6 lowercase hex characters: '" + random6 + "'");
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
  return std::string(buf) + "-" + random6;
}

std::string random_run_suffix() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned> digit(0, 15);
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 6; ++i) s += hex[digit(rd)];
  return s;
}

bool is_run_id(const std::string& s) { return layout::is_run_id(s); }

}  // namespace lsqm
