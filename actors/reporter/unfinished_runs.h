// Runs that never finished (Ctrl-C, a crash, a lost machine) keep their verdicts: the
// reporter appends each to runs/{id}/verdicts.jsonl, and the next run closes such a run by
// assembling its results.json from that log and writing its run.json with state "interrupted". An interrupted run is never a baseline.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lsqm {

// run.json's "state": "complete" when the reporter finished the run.
inline constexpr const char* kRunComplete = "complete";
inline constexpr const char* kRunInterrupted = "interrupted";

// Writes run.json (state "interrupted", a summary of the verdicts it holds) for every
// runs/{id}/ in `workdir` that has none, except `exclude` (the run in progress). A
// results.json that cannot be parsed is logged and left as it is. Returns the ids closed.
std::vector<std::string> close_unfinished_runs(const std::filesystem::path& workdir,
                                               const std::string& exclude);

// How many runs in `workdir` did not finish: closed as interrupted, or not closed yet.
int count_unfinished_runs(const std::filesystem::path& workdir);

}  // namespace lsqm
