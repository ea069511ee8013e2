#include "actors/miner/content_hash.h"

#include <memory>

#include <openssl/evp.h>

namespace lsqm {

std::string normalize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    bool last = nl == std::string_view::npos;
    auto line = text.substr(start, (last ? text.size() : nl) - start);
    auto end = line.find_last_not_of(" \t\r");
    out.append(line.substr(0, end == std::string_view::npos ? 0 : end + 1));
    if (last) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

std::string content_hash(const std::map<std::string, std::string>& files) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  auto update = [&](std::string_view s) {
    if (EVP_DigestUpdate(ctx.get(), s.data(), s.size()) != 1)
      throw std::runtime_error("content_hash: OpenSSL digest update failed");
  };
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("content_hash: OpenSSL digest init failed");
  for (auto& [path, content] : files) {  // std::map: already sorted by path
    update(path);
    update(std::string_view("\0", 1));
    update(normalize_text(content));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1)
    throw std::runtime_error("content_hash: OpenSSL digest final failed");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) out += hex[digest[i] >> 4], out += hex[digest[i] & 0xf];
  return out;
}

std::string normalized_hash(const std::map<std::string, std::string>& files) {
  std::map<std::string, std::string> terraform;
  for (const auto& [path, content] : files)
    if (!path.starts_with(kOriginalDir)) terraform.emplace(path, content);
  return content_hash(terraform.empty() ? files : terraform);
}

}  // namespace lsqm
