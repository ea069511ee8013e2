// The identity of an architecture: a SHA-256 over its normalized files.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lsqm {

// CRLF → LF and trailing spaces / tabs / CRs removed from every line, so a checkout on
// Windows or an editor's whitespace never makes an architecture look changed.
std::string normalize_text(std::string_view text);

// Lowercase hex SHA-256 (OpenSSL EVP) over the files in path order, each fed as
// path + NUL + normalize_text(content). Throws std::runtime_error only if OpenSSL fails.
std::string content_hash(const std::map<std::string, std::string>& files);

// Where a normalized template's original is stored beside its Terraform.
inline constexpr std::string_view kOriginalDir = "original/";

// The hash of a normalized template: content_hash of its Terraform alone, the files outside
// original/ (so the same template written as YAML and as JSON hashes the same); of every file
// when there is no Terraform (a template refused before translation).
std::string normalized_hash(const std::map<std::string, std::string>& files);

}  // namespace lsqm
