#include "formats/utf8.h"

#include <cstdint>

namespace lsqm {
namespace {

// The length of the valid UTF-8 sequence at `i` (NUL excluded), or 0.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  std::size_t extra;
  std::uint32_t cp;
  if ((c >> 5) == 0x6) extra = 1, cp = c & 0x1f;
  else if ((c >> 4) == 0xe) extra = 2, cp = c & 0x0f;
  else if ((c >> 3) == 0x1e) extra = 3, cp = c & 0x07;
  else return 0;
  if (i + extra >= s.size()) return 0;
  for (std::size_t k = 1; k <= extra; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 0x2) return 0;
    cp = (cp << 6) | (cc & 0x3f);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static const std::uint32_t min_cp[] = {0, 0x80, 0x800, 0x10000};
  if (cp < min_cp[extra] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return 0;
  return extra + 1;
}

}  // namespace

std::size_t first_non_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto n = sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

bool is_utf8_text(std::string_view s) { return first_non_utf8(s) == std::string_view::npos; }

std::string escape_non_utf8(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto n = sequence_length(s, i);
    if (n == 0) {
      auto c = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xf];
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace lsqm
