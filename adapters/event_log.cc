#include "adapters/event_log.h"

#include "adapters/clock.h"

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
  payload["start"] = utc_iso(start, true);
  payload["end"] = utc_iso(end, true);
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

}  // namespace lsqm
