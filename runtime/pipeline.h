// The pipeline coordinator: pulls architectures from the miner as fast as the stages below
// take them, sends each through generator → validator → reporter, counts work in flight,
// and closes the run when the miner is done and nothing is in flight.
#pragma once

#include <map>
#include <string>

#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include "messages/interfaces.h"

namespace lsqm {

using pipeline_actor = caf::typed_actor<
    // Run to completion; the summary once the notifier has been told.
    caf::replies_to<run_atom>::with<RunSummary>>;

struct PipelineActors {
  miner_actor miner;
  generator_actor generator;  // null: mine only
  validator_actor validator;  // null: generate only, no validation and no report
  reporter_actor reporter;
  notifier_actor notifier;    // null: do not notify
};

struct PipelineCounts {
  int yielded = 0;
  int skipped = 0;          // yielded with a skip reason (unsupported, unsafe)
  int new_count = 0;
  int generated = 0;
  int generation_skipped = 0;  // no app: budget spent, or the app did not compile
  int validated = 0;
  int in_flight = 0;
  int max_in_flight = 0;
  int by_status[5] = {0, 0, 0, 0, 0};  // indexed by Status
};

struct pipeline_state {
  PipelineActors actors;
  RunInfo info;
  // The previous run's verdicts: a result that would be a regression against them is
  // validated once more, and only a confirmed one is reported.
  std::map<std::string, Status> baseline;
  int reruns = 0;
  std::uint32_t window = 8;  // most architectures between miner and reporter at once
  bool pulling = false;
  bool miner_done = false;
  bool closing = false;
  PipelineCounts counts;
  caf::typed_response_promise<RunSummary> done;
  bool progress_on_terminal = false;  // a progress line on stdout when it is a terminal
  static inline const char* name = "pipeline";
};

pipeline_actor::behavior_type pipeline(pipeline_actor::stateful_pointer<pipeline_state> self,
                                       PipelineActors actors, RunInfo info, std::uint32_t window,
                                       std::map<std::string, Status> baseline);

}  // namespace lsqm
