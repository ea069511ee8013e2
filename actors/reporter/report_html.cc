#include "actors/reporter/report_html.h"

#include <algorithm>
#include <cstdio>

#include "actors/reporter/index_counts.h"

namespace lsqm {
namespace {

const char* kStyle = R"(
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
.PASSED { background: #d9f2d9; } .PARTIAL { background: #fff3c4; }
.FAILED { background: #f8d0d0; } .TIMEOUT { background: #f9dcc0; } .ERROR { background: #e0e0e0; }
.counts td { text-align: right; }
.error { font-family: monospace; white-space: pre-wrap; max-width: 50em; }
)";

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string percent(double rate) { return fixed(rate * 100.0, 1) + "%"; }

// At most `max` bytes, cut on a UTF-8 character boundary.
std::string truncate_utf8(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::string index_string(const nlohmann::json& index, const std::string& hash, const char* key) {
  if (!index.is_object() || !index.contains(hash) || !index[hash].is_object()) return "";
  auto& v = index[hash];
  return v.contains(key) && v[key].is_string() ? v[key].get<std::string>() : "";
}

std::string services_of(const nlohmann::json& index, const std::string& hash) {
  std::string out;
  if (!index.is_object() || !index.contains(hash) || !index[hash].is_object()) return out;
  auto services = index[hash].value("services", nlohmann::json::array());
  if (!services.is_array()) return out;
  for (auto& s : services)
    if (s.is_string()) out += (out.empty() ? "" : ", ") + s.get<std::string>();
  return out;
}

std::string name_of(const ValidationResult& r, const nlohmann::json& index) {
  if (!r.arch_name.empty()) return r.arch_name;
  auto n = index_string(index, r.arch_hash, "name");
  return n.empty() ? r.arch_hash.substr(0, 12) : n;
}

std::string counts_table(const RunSummary& s) {
  std::string h = "<table class=\"counts\"><tr><th>total</th><th>passed</th><th>partial</th>"
                  "<th>failed</th><th>timeout</th><th>error</th></tr><tr>";
  for (int n : {s.total, s.passed, s.partial, s.failed, s.timeout, s.error})
    h += "<td>" + std::to_string(n) + "</td>";
  return h + "</tr></table>\n";
}

std::string pass_rate_line(const RunSummary& s) {
  std::string h = "<p>Pass rate: <strong>" + percent(s.pass_rate) + "</strong> (passed / (total − error))";
  if (s.previous_pass_rate >= 0) {
    double delta = (s.pass_rate - s.previous_pass_rate) * 100.0;
    h += ", " + std::string(delta >= 0 ? "+" : "") + fixed(delta, 1) + " points vs " +
         html_escape(s.previous_run_id) + " (" + percent(s.previous_pass_rate) + ")";
  } else {
    h += ", no previous run";
  }
  return h + "</p>\n";
}

std::string transitions(const char* title, const std::vector<Regression>& list) {
  std::string h = "<h2>" + std::string(title) + " (" + std::to_string(list.size()) + ")</h2>\n";
  if (list.empty()) return h + "<p>None.</p>\n";
  h += "<table><tr><th>architecture</th><th>before</th><th>now</th><th>previous run</th></tr>\n";
  for (auto& r : list) {
    auto name = r.arch_name.empty() ? r.arch_hash.substr(0, 12) : r.arch_name;
    h += "<tr><td>" + html_escape(name) + "</td><td class=\"" + to_string(r.previous_status) +
         "\">" + to_string(r.previous_status) + "</td><td class=\"" + to_string(r.current_status) +
         "\">" + to_string(r.current_status) + "</td><td>" + html_escape(r.previous_run) +
         "</td></tr>\n";
  }
  return h + "</table>\n";
}

std::string results_table(std::vector<ValidationResult> results, const nlohmann::json& index) {
  std::stable_sort(results.begin(), results.end(), [&](auto& a, auto& b) {
    return name_of(a, index) < name_of(b, index);
  });
  std::string h = "<h2>Results (" + std::to_string(results.size()) + ")</h2>\n"
                  "<table><tr><th>architecture</th><th>services</th><th>status</th><th>stage</th>"
                  "<th>duration</th><th>tests passed / total</th><th>error</th></tr>\n";
  for (auto& r : results) {
    std::string error = r.error.type.empty() ? r.error.message
                                             : r.error.type + ": " + r.error.message;
    h += "<tr><td title=\"" + html_escape(r.arch_hash) + "\">" + html_escape(name_of(r, index)) +
         "</td><td>" + html_escape(services_of(index, r.arch_hash)) + "</td><td class=\"" +
         to_string(r.status) + "\">" + to_string(r.status) + "</td><td>" + html_escape(r.stage) +
         "</td><td>" + fixed(r.duration_s, 1) + " s</td><td>" + std::to_string(r.tests_passed) +
         " / " + std::to_string(r.tests_total) + "</td><td class=\"error\">" +
         html_escape(truncate_utf8(error, 500)) + "</td></tr>\n";
  }
  return h + "</table>\n";
}

// Verdicts whose confirmation run failed otherwise: shown, never counted as regressions.
std::string flaky_table(const std::vector<ValidationResult>& results, const nlohmann::json& index) {
  std::string rows;
  int n = 0;
  for (auto& r : results) {
    if (r.flaky.empty()) continue;
    ++n;
    rows += "<tr><td>" + html_escape(name_of(r, index)) + "</td><td class=\"" +
            to_string(r.status) + "\">" + to_string(r.status) + "</td><td class=\"error\">" +
            html_escape(truncate_utf8(r.flaky, 500)) + "</td></tr>\n";
  }
  std::string h = "<h2>Flaky (" + std::to_string(n) + ")</h2>\n";
  if (n == 0) return h + "<p>None.</p>\n";
  return h + "<p>A confirmation run did not fail the way the first run did: not counted as "
             "regressions or fixes.</p>\n<table><tr><th>architecture</th><th>recorded</th>"
             "<th>what each run said</th></tr>\n" + rows + "</table>\n";
}

// Architectures mining found that cannot be deployed here, by cause: apart from verdicts.
std::string undeployable_table(const nlohmann::json& index) {
  auto counts = count_index(index);
  std::string h = "<h2>Not deployable here (" + std::to_string(counts.skipped) + " of " +
                  std::to_string(counts.total) + " architectures)</h2>\n";
  if (counts.skipped == 0) return h + "<p>None.</p>\n";
  h += "<table class=\"counts\"><tr><th>cause</th><th>architectures</th></tr>\n";
  for (auto& [cause, n] : counts.skipped_by_reason)
    h += "<tr><td>" + html_escape(cause) + "</td><td>" + std::to_string(n) + "</td></tr>\n";
  return h + "</table>\n";
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_report_html(const RunSummary& s, const std::vector<ValidationResult>& results,
                               const nlohmann::json& index) {
  auto run_id = html_escape(s.run_id);
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<title>lsqm run " + run_id + "</title>\n<style>" + kStyle + "</style>\n"
                  "</head>\n<body>\n<h1>lsqm run " + run_id + "</h1>\n";
  h += "<p>Started " + html_escape(s.started_at) + ", finished " + html_escape(s.finished_at) +
       ". New architectures: " + std::to_string(s.new_architectures) +
       ", skipped: " + std::to_string(s.skipped_architectures) +
       ", generation skipped: " + std::to_string(s.generation_skipped) + ".</p>\n";
  h += counts_table(s) + pass_rate_line(s);
  h += transitions("Regressions", s.regressions) + transitions("Fixes", s.fixes);
  h += flaky_table(results, index) + results_table(results, index) + undeployable_table(index);
  return h + "</body>\n</html>\n";
}

}  // namespace lsqm
