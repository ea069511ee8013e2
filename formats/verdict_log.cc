#include "formats/verdict_log.h"

namespace lsqm {

nlohmann::json verdict_record(const ValidationResult& r) {
  nlohmann::json j = r;
  j.erase("terraform_output");
  j.erase("pytest_output");
  j.erase("container_logs");
  j["log"] = "logs/" + r.arch_hash + ".log";
  return j;
}

std::string verdict_line(const ValidationResult& r) {
  return verdict_record(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

nlohmann::json verdicts_from_log(const std::string& log) {
  auto out = nlohmann::json::array();
  std::size_t start = 0;
  while (start < log.size()) {
    auto end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    auto record = nlohmann::json::parse(log.begin() + start, log.begin() + end, nullptr, false);
    if (record.is_object()) out.push_back(std::move(record));
    start = end + 1;
  }
  return out;
}

}  // namespace lsqm
