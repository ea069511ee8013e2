// The run summary as people read it (stdout, Slack).
#pragma once

#include <string>

#include "messages/run.h"

namespace lsqm {

// Pass rate and its delta, counts per status, new architectures, regressions and fixes.
std::string summary_text(const RunSummary& s);

// `text` as Slack must receive it: '&', '<' and '>' escaped, so names that came from outside
// (architectures, services) cannot become links or mentions such as <!channel>.
std::string slack_escaped(const std::string& text);

}  // namespace lsqm
