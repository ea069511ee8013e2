// pytest's junit.xml is written by generated (untrusted) code: the reader must survive any
// bytes and give counts that add up.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "actors/validator/classify.h"
#include "actors/validator/terraform_stop.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string xml(reinterpret_cast<const char*>(data), size);
  auto counts = lsqm::parse_junit(xml);
  if (counts) {
    if (counts->total < 0 || counts->passed < 0 || counts->failed < 0 || counts->errors < 0 ||
        counts->skipped < 0 || counts->passed > counts->total)
      std::abort();
  }
  lsqm::failed_operations(xml);  // error text from tools is untrusted too
  lsqm::only_transient_failures(xml);
  lsqm::made_aws_calls(xml);
  lsqm::stop_cause(xml);
  return 0;
}
