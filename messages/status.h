// Status of one validation, and the stage it reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

namespace lsqm {

// PASSED: applied, every test passed. PARTIAL: applied, some tests failed. FAILED: apply
// failed, or every test failed. TIMEOUT: a time limit was hit. ERROR: our side or the
// infrastructure failed; never a compatibility verdict, never a regression.
enum class Status : std::uint8_t { PASSED, PARTIAL, FAILED, TIMEOUT, ERROR };

NLOHMANN_JSON_SERIALIZE_ENUM(Status, {{Status::PASSED, "PASSED"},
                                      {Status::PARTIAL, "PARTIAL"},
                                      {Status::FAILED, "FAILED"},
                                      {Status::TIMEOUT, "TIMEOUT"},
                                      {Status::ERROR, "ERROR"}})

inline const char* to_string(Status s) {
  switch (s) {
    case Status::PASSED: return "PASSED";
    case Status::PARTIAL: return "PARTIAL";
    case Status::FAILED: return "FAILED";
    case Status::TIMEOUT: return "TIMEOUT";
    case Status::ERROR: return "ERROR";
  }
  return "ERROR";
}

inline std::optional<Status> status_from_string(const std::string& s) {
  for (auto v : {Status::PASSED, Status::PARTIAL, Status::FAILED, Status::TIMEOUT, Status::ERROR})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

}  // namespace lsqm
