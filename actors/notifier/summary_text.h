// The run summary as people read it (stdout, Slack).
#pragma once

#include <string>

#include "messages/run.h"

namespace lsqm {

// Pass rate and its delta, counts per status, new architectures, regressions and fixes.
std::string summary_text(const RunSummary& s);

}  // namespace lsqm
