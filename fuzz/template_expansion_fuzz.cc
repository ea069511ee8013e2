// SAM templates and serverless.yml files are written by strangers: expansion must finish on any
// document with CloudFormation or a skip reason, never a crash, a hang or unbounded growth
// (variable cycles, references that double, ${file(…)} including itself).
#include <cstdint>
#include <map>
#include <string>

#include "actors/miner/sam/sam_to_cloudformation.h"
#include "actors/miner/serverless/serverless_to_cloudformation.h"
#include "formats/yaml_document.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  lsqm::YamlLimits limits;
  limits.max_nodes = 20'000;
  nlohmann::json document;
  try {
    document = lsqm::read_yaml_document(text, limits);
  } catch (const lsqm::FormatError&) {
    return 0;
  }
  // The input is also the unit's only other file, so ${file(./self.yml)} and AWS::Include
  // read it again.
  const std::map<std::string, std::string> unit_files = {{"svc/self.yml", text}};
  lsqm::TemplateFiles files{&unit_files, "svc"};
  lsqm::ServerlessOptions options;
  options.files = files;
  options.env = {{"STAGE", "fuzz"}};
  for (const lsqm::Expansion& expansion :
       {lsqm::sam_to_cloudformation(document, files), lsqm::serverless_to_cloudformation(document, options)}) {
    if (expansion.skip_reason.empty() == expansion.cloudformation.is_null()) __builtin_trap();
    (void)expansion.cloudformation.dump();
  }
  return 0;
}
