// What architectures/index.json holds, counted: architectures by kind, and those that cannot
// be deployed here by the cause mining recorded (apart from compatibility verdicts).
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace lsqm {

struct IndexCounts {
  int total = 0;
  int skipped = 0;
  std::map<std::string, int> by_kind;            // terraform, cloudformation, sam, serverless
  std::map<std::string, int> skipped_by_reason;  // skip_reason_cause → architectures
};

// The cause of a skip reason, without its particulars: "needs input: vpc_id" → "needs input".
std::string skip_reason_cause(const std::string& skip_reason);

// Entries that are not objects are left out (a corrupt entry is not an architecture).
IndexCounts count_index(const nlohmann::json& index);

nlohmann::json to_json(const IndexCounts& c);

}  // namespace lsqm
