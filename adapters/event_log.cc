#include "adapters/event_log.h"

#include <cxxabi.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <typeinfo>

namespace lsqm {

namespace {

nlohmann::json as_object(nlohmann::json fields) {
  if (fields.is_null()) return nlohmann::json::object();
  if (!fields.is_object()) return {{"value", std::move(fields)}};
  return fields;
}

}  // namespace

void log_event(spdlog::level::level_enum level, std::string_view stage, std::string_view event,
               nlohmann::json fields) {
  auto* logger = spdlog::default_logger_raw();
  if (!logger->should_log(level)) return;
  nlohmann::json payload = as_object(std::move(fields));
  payload["stage"] = stage;
  payload["event"] = event;
  // replace: invalid UTF-8 from a child process's output must not throw here.
  logger->log(level, "{}", payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void log_stage_end(std::string_view stage, std::string_view event,
                   std::chrono::system_clock::time_point start,
                   std::chrono::system_clock::time_point end, nlohmann::json fields) {
  nlohmann::json payload = as_object(std::move(fields));
  payload["start"] = iso8601_utc(start);
  payload["end"] = iso8601_utc(end);
  payload["duration_s"] = std::chrono::duration<double>(end - start).count();
  log_event(spdlog::level::info, stage, event, std::move(payload));
}

void log_failure(std::string_view stage, std::string_view event, std::string_view error_type,
                 std::string_view message, std::string_view log_path, nlohmann::json fields) {
  nlohmann::json payload = as_object(std::move(fields));
  payload["error"] = {{"type", error_type}, {"message", message}};
  if (!log_path.empty()) payload["log"] = log_path;
  log_event(spdlog::level::err, stage, event, std::move(payload));
}

nlohmann::json error_fields(const std::exception& e) {
  const char* mangled = typeid(e).name();
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> name(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), &std::free);
  return {{"type", status == 0 && name ? name.get() : mangled}, {"message", e.what()}};
}

std::string iso8601_utc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count() % 1000;
  if (ms < 0) ms += 1000;
  std::time_t seconds = system_clock::to_time_t(time_point_cast<system_clock::duration>(
      floor<std::chrono::seconds>(t)));
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace lsqm
