// Mined files decide between text and base64 by is_utf8_text: whatever it accepts must be
// storable in JSON (nlohmann throws type_error 316 on invalid UTF-8), and base64 must round-trip.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/local_source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  if (lsqm::is_utf8_text(bytes)) {
    (void)nlohmann::json(bytes).dump();  // throws (and so fails) on what JSON cannot hold
  }
  if (lsqm::base64_decode(lsqm::base64_encode(bytes)) != bytes) std::abort();
  try {
    (void)lsqm::base64_decode(bytes);  // stored .b64 files come from the repository
  } catch (const lsqm::SourceError&) {
  }
  return 0;
}
