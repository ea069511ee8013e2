// A CloudFormation template is a stranger's text: reading it and translating it to Terraform
// must finish on any bytes with a translation or a reason, never a crash.
#include <cstdint>
#include <map>
#include <string>

#include "actors/miner/cfn/cloudformation_to_terraform.h"
#include "formats/yaml_document.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  lsqm::YamlLimits limits;
  limits.max_nodes = 20'000;
  nlohmann::json tmpl;
  try {
    tmpl = lsqm::read_yaml_document(text, limits);
  } catch (const lsqm::FormatError&) {
    return 0;
  }
  static const std::map<std::string, std::string> files = {{"src/app.py", "def handler(e, c): pass\n"},
                                                           {"src/index.js", "exports.handler = 1;\n"}};
  const auto result = lsqm::cloudformation_to_terraform(tmpl, files, "");
  if (result.skip_reason.empty() && !result.files.count("main.tf.json")) __builtin_trap();
  return 0;
}
