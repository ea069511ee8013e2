// Run identifiers: UTC time + random suffix, so they sort by time and never collide.
#pragma once

#include <chrono>
#include <string>

namespace lsqm {

// "YYYYMMDDTHHMMSSZ-xxxxxx". Throws std::invalid_argument unless `random6` is 6 lowercase
// hex characters.
std::string make_run_id(std::chrono::system_clock::time_point t, std::string random6);

// 6 lowercase hex characters from std::random_device.
std::string random_run_suffix();

// The shape make_run_id produces (used to recognise run directories).
bool is_run_id(const std::string& s);

}  // namespace lsqm
