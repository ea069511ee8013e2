// A run's verdicts as they arrive: runs/<id>/verdicts.jsonl holds one record per line, appended
// and flushed per verdict (linear, where rewriting results.json per verdict was quadratic), and
// results.json is assembled from them when the run ends (or when an interrupted run is closed).
// Pure: the records and their parsing, no I/O.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "messages/validation_result.h"

namespace lsqm {

inline constexpr const char* kVerdictLogName = "verdicts.jsonl";

// A verdict as results.json keeps it: the long outputs live in logs/<hash>.log instead.
nlohmann::json verdict_record(const ValidationResult& r);

// The verdict as one line of verdicts.jsonl (newline included).
std::string verdict_line(const ValidationResult& r);

// Every whole record in a verdict log, in order, as results.json's array. A line that is not
// a JSON object (the torn last line of a run cut mid-write) is left out.
nlohmann::json verdicts_from_log(const std::string& log);

}  // namespace lsqm
