// Process-wide logging: spdlog's default logger writes one JSON object per line to stderr
// and to any added sink (a run's log file). Every line carries time, level, stage, event and
// run_id; every configured secret is replaced by *** whatever logged it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <spdlog/formatter.h>
#include <spdlog/sinks/sink.h>

namespace lsqm {

// Installs the default logger "lsqm" (debug level when verbose, else info). Call once at
// start-up; calling again replaces the logger and drops added sinks.
void init_logging(bool verbose, bool to_stderr = true);

// Appends every line to `path` as well (created, with parent directories, if missing).
// Safe while other threads log.
void add_log_file(const std::string& path);

// Adds any sink, with the JSON formatter installed on it. Safe while other threads log.
void add_log_sink(spdlog::sink_ptr sink);
void remove_log_sink(const spdlog::sink_ptr& sink);

void set_secrets(std::vector<std::string> secrets);
void set_run_id(std::string run_id);

// The formatter itself: {time, level, stage, event, run_id, ...fields} + "\n". A payload that
// is a JSON object with an "event" key (see adapters/event_log.h) is merged in; any other
// message becomes {stage: logger name, event: "message", message: text}.
std::unique_ptr<spdlog::formatter> make_json_formatter();

}  // namespace lsqm
