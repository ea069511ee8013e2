// The run's HTML summary page: one self-contained file, no external assets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/run.h"
#include "messages/validation_result.h"

namespace lsqm {

// & < > " ' as entities: every string that came from outside goes through this.
std::string html_escape(std::string_view s);

// Run id, counts per status, pass rate and its change against the previous run, regressions,
// fixes, flaky verdicts, a table of results (name, services, status, stage, duration, tests,
// error), and the architectures that cannot be deployed here, counted by cause. Names,
// services, kinds and skip reasons come from the result and from `index`
// (architectures/index.json).
// All rendering of the report lives here (a later dashboard replaces this one function).
std::string render_report_html(const RunSummary& summary,
                               const std::vector<ValidationResult>& results,
                               const nlohmann::json& index);

}  // namespace lsqm
