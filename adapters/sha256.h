// SHA-256 through OpenSSL's EVP API, as lowercase hex.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace lsqm {

struct HashError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws HashError only if OpenSSL itself fails.
std::string sha256_hex(std::string_view data);

}  // namespace lsqm
