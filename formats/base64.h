// Base64 (RFC 4648, with padding), through OpenSSL: binary files travel as text in JSON
// (stored .b64 files, Lambda packages).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lsqm {

std::string base64_encode(std::string_view data);
// The bytes `text` encodes; nothing when it is not well-formed base64.
std::optional<std::string> base64_decoded(std::string_view text);

}  // namespace lsqm
