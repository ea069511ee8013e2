#include "runtime/logging.h"

#include <filesystem>
#include <mutex>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "adapters/clock.h"
#include "adapters/event_log.h"
#include "adapters/redact.h"

namespace lsqm {

namespace {

// Shared by every formatter clone (spdlog clones the formatter per sink).
struct LogState {
  std::mutex mutex;
  std::shared_ptr<const std::vector<std::string>> secrets =
      std::make_shared<std::vector<std::string>>();
  std::shared_ptr<const std::string> run_id = std::make_shared<std::string>();
  std::shared_ptr<spdlog::sinks::dist_sink_mt> fanout;
};

LogState& state() {
  static LogState s;
  return s;
}

void redact(nlohmann::ordered_json& value, const std::vector<std::string>& secrets) {
  if (value.is_string()) {
    auto& text = value.get_ref<std::string&>();
    text = redact_secrets(std::move(text), secrets);
  } else if (value.is_structured()) {
    for (auto& item : value) redact(item, secrets);
  }
}

class JsonFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::shared_ptr<const std::vector<std::string>> secrets;
    std::shared_ptr<const std::string> run_id;
    {
      std::lock_guard lock(state().mutex);
      secrets = state().secrets;
      run_id = state().run_id;
    }
    std::string_view text(msg.payload.data(), msg.payload.size());
    nlohmann::ordered_json line = nlohmann::ordered_json::object();
    line["time"] = utc_iso(msg.time, true);
    line["level"] = std::string_view(spdlog::level::to_string_view(msg.level).data(),
                                     spdlog::level::to_string_view(msg.level).size());
    line["stage"] = std::string_view(msg.logger_name.data(), msg.logger_name.size());
    line["event"] = "message";
    line["run_id"] = *run_id;
    auto fields = text.starts_with("{") ? nlohmann::ordered_json::parse(text, nullptr, false)
                                        : nlohmann::ordered_json();
    if (fields.is_object() && fields.contains("event")) {
      for (auto& [key, value] : fields.items())
        if (key != "time" && key != "level") line[key] = std::move(value);
    } else {
      line["message"] = text;
    }
    redact(line, *secrets);
    auto out = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    dest.append(out.data(), out.data() + out.size());
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

}  // namespace

std::unique_ptr<spdlog::formatter> make_json_formatter() { return std::make_unique<JsonFormatter>(); }

void init_logging(bool verbose, bool to_stderr) {
  auto fanout = std::make_shared<spdlog::sinks::dist_sink_mt>();
  if (to_stderr) {
    auto err = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    err->set_formatter(make_json_formatter());
    fanout->add_sink(err);
  }
  auto logger = std::make_shared<spdlog::logger>("lsqm", fanout);
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
  logger->flush_on(spdlog::level::trace);  // a crash must not lose the last lines
  {
    std::lock_guard lock(state().mutex);
    state().fanout = fanout;
  }
  spdlog::set_default_logger(logger);
}

void add_log_sink(spdlog::sink_ptr sink) {
  sink->set_formatter(make_json_formatter());
  std::shared_ptr<spdlog::sinks::dist_sink_mt> fanout;
  {
    std::lock_guard lock(state().mutex);
    fanout = state().fanout;
  }
  if (!fanout) throw std::logic_error("add_log_sink before init_logging");
  fanout->add_sink(std::move(sink));
}

void remove_log_sink(const spdlog::sink_ptr& sink) {
  std::lock_guard lock(state().mutex);
  if (state().fanout) state().fanout->remove_sink(sink);
}

void add_log_file(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  add_log_sink(std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, false));
}

void set_secrets(std::vector<std::string> secrets) {
  std::erase_if(secrets, [](const std::string& s) { return s.empty(); });
  std::lock_guard lock(state().mutex);
  state().secrets = std::make_shared<const std::vector<std::string>>(std::move(secrets));
}

void set_run_id(std::string run_id) {
  std::lock_guard lock(state().mutex);
  state().run_id = std::make_shared<const std::string>(std::move(run_id));
}

}  // namespace lsqm
