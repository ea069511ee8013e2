#include "actors/notifier/summary_text.h"

#include <cmath>
#include <cstdio>

namespace lsqm {
namespace {

std::string percent(double rate) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", rate * 100);
  return buf;
}

std::string delta(double now, double before) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%+.1f pp", (now - before) * 100);
  return buf;
}

void append_changes(std::string& out, const char* title, const std::vector<Regression>& list) {
  if (list.empty()) return;
  out += std::string(title) + " (" + std::to_string(list.size()) + "):\n";
  for (auto& r : list)
    out += "  - " + r.arch_name + " (" + r.arch_hash.substr(0, 12) + "): " +
           to_string(r.previous_status) + " -> " + to_string(r.current_status) + "\n";
}

}  // namespace

std::string summary_text(const RunSummary& s) {
  std::string out = "lsqm run " + s.run_id + ": " + std::to_string(s.total) +
                    (s.total == 1 ? " architecture" : " architectures") + " validated, pass rate " +
                    // ERROR is not a verdict: with nothing but errors there is no rate.
                    (s.total > s.error ? percent(s.pass_rate) : std::string("n/a"));
  if (s.previous_pass_rate >= 0)
    out += " (" + delta(s.pass_rate, s.previous_pass_rate) + " vs " + s.previous_run_id + ")";
  out += "\n  PASSED " + std::to_string(s.passed) + ", PARTIAL " + std::to_string(s.partial) +
         ", FAILED " + std::to_string(s.failed) + ", TIMEOUT " + std::to_string(s.timeout) +
         ", ERROR " + std::to_string(s.error) + "\n";
  if (s.flaky > 0)  // not regressions: a confirmation run failed otherwise, or passed
    out += "  flaky (not counted as regressions): " + std::to_string(s.flaky) + "\n";
  out += "  new architectures: " + std::to_string(s.new_architectures) +
         ", skipped (unsupported or unsafe): " + std::to_string(s.skipped_architectures);
  if (s.generation_skipped > 0)
    out += ", without app: " + std::to_string(s.generation_skipped);
  out += "\n";
  append_changes(out, "Regressions", s.regressions);
  append_changes(out, "Fixes", s.fixes);
  if (!s.report_path.empty()) out += "Report: " + s.report_path + "\n";
  return out;
}

std::string slack_escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

}  // namespace lsqm
