// UTF-8 checks shared by everything that reads names or text from outside.
#pragma once

#include <string>
#include <string_view>

namespace lsqm {

// Valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF) and no NUL byte.
bool is_utf8_text(std::string_view data);

// The offset of the first byte that breaks is_utf8_text, or npos.
std::size_t first_non_utf8(std::string_view data);

// `data` with every byte that is not part of valid UTF-8 (and NUL) written as "\xNN", so a
// name from outside can be shown, logged and stored as JSON.
std::string escape_non_utf8(std::string_view data);

}  // namespace lsqm
