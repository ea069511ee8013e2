#include "runtime/logging.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ostream_sink.h>

#include "adapters/clock.h"
#include "adapters/event_log.h"

namespace {

// Captures the default logger's lines for one test; resets the global log state after.
struct Capture {
  std::ostringstream stream;
  spdlog::sink_ptr sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream);
  explicit Capture(bool verbose = false) {
    lsqm::init_logging(verbose, /*to_stderr=*/false);
    lsqm::add_log_sink(sink);
  }
  ~Capture() {
    lsqm::remove_log_sink(sink);
    lsqm::set_secrets({});
    lsqm::set_run_id("");
  }
  std::vector<std::string> raw_lines() {
    std::vector<std::string> lines;
    std::istringstream in(stream.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  std::vector<nlohmann::json> lines() {
    std::vector<nlohmann::json> parsed;
    for (const auto& line : raw_lines()) parsed.push_back(nlohmann::json::parse(line));
    return parsed;
  }
};

const std::regex kIsoTime(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");

}  // namespace

TEST_CASE("a log line is one JSON object with the required keys", "[logging]") {
  Capture capture;
  lsqm::set_run_id("20240501T000000Z-abc123");
  lsqm::log_event(spdlog::level::info, "miner", "architecture_found",
                  {{"arch", "deadbeef"}, {"services", {"s3", "sqs"}}, {"note", "a {} brace"}});
  auto raw = capture.raw_lines();
  REQUIRE(raw.size() == 1);
  CHECK(raw[0].rfind("{\"time\":", 0) == 0);  // time first: readable with `cut`
  auto line = nlohmann::json::parse(raw[0]);
  CHECK(std::regex_match(line.at("time").get<std::string>(), kIsoTime));
  CHECK(line.at("level") == "info");
  CHECK(line.at("stage") == "miner");
  CHECK(line.at("event") == "architecture_found");
  CHECK(line.at("run_id") == "20240501T000000Z-abc123");
  CHECK(line.at("arch") == "deadbeef");
  CHECK(line.at("services") == nlohmann::json({"s3", "sqs"}));
  CHECK(line.at("note") == "a {} brace");
}

TEST_CASE("stage ends carry start, end and duration; failures carry error and log",
          "[logging]") {
  Capture capture;
  auto start = std::chrono::system_clock::time_point(std::chrono::milliseconds(1500));
  auto end = start + std::chrono::milliseconds(2250);
  lsqm::log_stage_end("validator", "validated", start, end, {{"arch", "abc"}});
  lsqm::log_failure("validator", "apply_failed", "TerraformError", "exit status 1",
                    "runs/r1/logs/abc.log", {{"arch", "abc"}});
  auto lines = capture.lines();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].at("start") == "1970-01-01T00:00:01.500Z");
  CHECK(lines[0].at("end") == "1970-01-01T00:00:03.750Z");
  CHECK(lines[0].at("duration_s").get<double>() == Approx(2.25));
  CHECK(lines[0].at("arch") == "abc");
  CHECK(lines[1].at("level") == "error");
  CHECK(lines[1].at("error") ==
        nlohmann::json({{"type", "TerraformError"}, {"message", "exit status 1"}}));
  CHECK(lines[1].at("log") == "runs/r1/logs/abc.log");
}

TEST_CASE("secrets are redacted from every line, whoever logged them", "[logging]") {
  Capture capture;
  lsqm::set_secrets({"ghp_TOPSECRET", "sk-ant-XYZ", ""});
  spdlog::info("pushing with token ghp_TOPSECRET to {}", "origin");
  spdlog::warn("{\"event\": \"looks structured\", \"key\": \"sk-ant-XYZ\"}");
  lsqm::log_event(spdlog::level::info, "notifier", "posted",
                  {{"nested", {{"url", "https://x/?t=ghp_TOPSECRET&u=ghp_TOPSECRET"}}},
                   {"list", {"sk-ant-XYZ"}}});
  lsqm::log_failure("generator", "api_error", "HttpError", "bad key sk-ant-XYZ");
  auto raw = capture.raw_lines();
  REQUIRE(raw.size() == 4);
  for (const auto& line : raw) {
    INFO(line);
    CHECK(line.find("ghp_TOPSECRET") == std::string::npos);
    CHECK(line.find("sk-ant-XYZ") == std::string::npos);
    CHECK_NOTHROW(nlohmann::json::parse(line));
  }
  auto lines = capture.lines();
  CHECK(lines[0].at("event") == "message");
  CHECK(lines[0].at("message") == "pushing with token *** to origin");
  CHECK(lines[0].at("stage") == "lsqm");
  CHECK(lines[1].at("key") == "***");
  CHECK(lines[2].at("nested").at("url") == "https://x/?t=***&u=***");
  CHECK(lines[2].at("list") == nlohmann::json({"***"}));
  CHECK(lines[3].at("error").at("message") == "bad key ***");
}

TEST_CASE("plain text, brace-laden text and invalid UTF-8 stay valid JSON lines", "[logging]") {
  Capture capture;
  spdlog::info("{not json at all");
  spdlog::info("{\"no_event_key\": 1}");
  spdlog::info("bytes: {}", std::string("\xff\xfe ok"));
  lsqm::log_event(spdlog::level::info, "validator", "output",
                  {{"stderr", std::string("bad \xc3 utf8")}});
  auto lines = capture.lines();  // throws if any line is not JSON
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].at("message") == "{not json at all");
  CHECK(lines[1].at("message") == "{\"no_event_key\": 1}");
  CHECK(lines[3].at("event") == "output");
}

TEST_CASE("verbose selects debug level, otherwise info", "[logging]") {
  {
    Capture quiet(false);
    lsqm::log_event(spdlog::level::debug, "x", "hidden");
    spdlog::debug("hidden too");
    lsqm::log_event(spdlog::level::info, "x", "shown");
    auto lines = quiet.lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].at("event") == "shown");
  }
  {
    Capture verbose(true);
    lsqm::log_event(spdlog::level::debug, "x", "visible");
    auto lines = verbose.lines();
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].at("level") == "debug");
  }
}

TEST_CASE("add_log_file appends JSON lines to a file under a new directory", "[logging]") {
  Capture capture;
  auto dir = std::filesystem::temp_directory_path() /
             ("lsqm_logging_test_" + std::to_string(::getpid()));
  auto path = dir / "runs" / "r1" / "lsqm.log";
  lsqm::add_log_file(path.string());
  lsqm::set_secrets({"hunter2hunter2"});
  lsqm::log_event(spdlog::level::info, "reporter", "written", {{"pw", "hunter2hunter2"}});
  spdlog::default_logger()->flush();
  std::ifstream in(path);
  std::string line;
  REQUIRE(std::getline(in, line));
  auto j = nlohmann::json::parse(line);
  CHECK(j.at("event") == "written");
  CHECK(j.at("pw") == "***");
  lsqm::init_logging(false, false);  // closes the file sink before removal
  std::filesystem::remove_all(dir);
}

TEST_CASE("lines from many threads never interleave", "[logging]") {
  Capture capture;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i)
        lsqm::log_event(spdlog::level::info, "pool", "tick", {{"thread", t}, {"i", i}});
    });
  for (auto& th : threads) th.join();
  auto lines = capture.lines();
  CHECK(lines.size() == 800);
}

TEST_CASE("error_fields and utc_iso", "[logging]") {
  auto fields = lsqm::error_fields(std::runtime_error("boom"));
  CHECK(fields.at("type") == "std::runtime_error");
  CHECK(fields.at("message") == "boom");
  auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1714521600123));
  CHECK(lsqm::utc_iso(t, true) == "2024-05-01T00:00:00.123Z");
  CHECK(lsqm::utc_iso(t) == "2024-05-01T00:00:00Z");
}
