// Structured log events for every part of lsqm: one JSON object per line (the runtime
// installs the formatter that adds time, level, run_id and redacts secrets).
// Thread-safe: actors log from many threads.
#pragma once

#include <chrono>
#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace lsqm {

// Logs {stage, event, ...fields} through spdlog's default logger. The payload is passed as
// log(level, "{}", json) so fmt never parses its braces.
void log_event(spdlog::level::level_enum level, std::string_view stage, std::string_view event,
               nlohmann::json fields = nlohmann::json::object());

// A stage end: adds `start`, `end` (ISO 8601 UTC) and `duration_s`.
void log_stage_end(std::string_view stage, std::string_view event,
                   std::chrono::system_clock::time_point start,
                   std::chrono::system_clock::time_point end,
                   nlohmann::json fields = nlohmann::json::object());

// A failure at error level: adds `error` {type, message} and `log` (where the full log is;
// omitted when empty).
void log_failure(std::string_view stage, std::string_view event, std::string_view error_type,
                 std::string_view message, std::string_view log_path = {},
                 nlohmann::json fields = nlohmann::json::object());

// {type, message} of an exception; type is the demangled class name.
nlohmann::json error_fields(const std::exception& e);

}  // namespace lsqm
