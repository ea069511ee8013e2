// The HCL reader and the small Terraform formats built on it (formats/): any bytes give a
// structure or an error, in linear time, never a crash; what the reader accepts is UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "formats/hcl.h"
#include "formats/lock_file.h"
#include "formats/module_source.h"
#include "formats/provider_address.h"
#include "formats/terraform_json.h"
#include "formats/utf8.h"
#include "formats/version.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto file = lsqm::hcl::parse(text);
  if (file.error.empty() && !lsqm::is_utf8_text(text)) std::abort();
  for (const auto* block : lsqm::hcl::all_blocks(file.body)) (void)block->type.size();
  (void)lsqm::parse_terraform_json(text);
  (void)lsqm::locked_provider_versions(text);
  // Short inputs also as the strings these formats take from a unit: versions, constraints,
  // module sources, provider sources.
  if (size < 256) {
    (void)lsqm::parse_version(text);
    (void)lsqm::version_satisfies("5.100.0", text);
    (void)lsqm::version_satisfies(text, ">= 4.0, < 6.0");
    (void)lsqm::classify_module_source(text);
    (void)lsqm::resolve_module_dir("modules/a/", text);
    (void)lsqm::provider_address(text);
    (void)lsqm::escape_non_utf8(text);
  }
  return 0;
}
