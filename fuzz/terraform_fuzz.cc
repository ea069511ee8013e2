// Mined Terraform is written by strangers: every reader of it (the miner's scan, the
// validator's provider facts) must finish on any bytes, as a .tf file and as a .tf.json file.
#include <cstdint>
#include <map>
#include <string>

#include "actors/miner/terraform_scan.h"
#include "actors/validator/provider_override.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"main.tf", "main.tf.json", "modules/m/main.tf"}) {
    const std::map<std::string, std::string> files = {
        {name, text}, {"root.tf", "module \"m\" {\n  source = \"./modules/m\"\n}\n"}};
    (void)lsqm::scan_terraform(files);
    (void)lsqm::scan_provider_facts(files);
  }
  return 0;
}
