// CloudFormation / SAM / serverless.yml templates are written by strangers: the reader must
// finish on any bytes with a value or a FormatError, within its limits (alias bombs, deep
// nesting), as YAML and as JSON.
#include <cstdint>
#include <string>

#include "formats/yaml_document.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  lsqm::YamlLimits limits;
  limits.max_nodes = 20'000;  // keeps each run fast; the bound itself is what is exercised
  try {
    const auto doc = lsqm::read_yaml_document(text, limits);
    (void)doc.dump();  // the result must be valid JSON (UTF-8 strings)
  } catch (const lsqm::FormatError&) {
  }
  return 0;
}
