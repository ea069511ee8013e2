// The one lexer for HCL (Terraform's native syntax). Linear in the input, no recursion: the
// nesting of templates and interpolations is an explicit stack. Never throws; anything it
// cannot read (an unterminated string, heredoc, comment; a bound exceeded; bytes that are
// not UTF-8) is an error naming the line, and the caller refuses the file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lsqm::hcl {

struct Limits {
  std::size_t max_file_bytes = 1 << 20;
  std::size_t max_line_bytes = 16 * 1024;
  std::size_t max_nesting = 64;  // brackets, templates and interpolations inside each other
};

enum class TokenKind { identifier, number, punctuation, string, heredoc, newline };

// A token of the top level. A quoted string or a heredoc is one token, interpolations and
// all (they may span lines); its inner expressions are not tokens of their own.
struct Token {
  TokenKind kind = TokenKind::newline;
  std::size_t begin = 0, end = 0;  // byte offsets in the text
  int line = 1;                    // where the token starts
  bool interpolated = false;       // a template holding ${ } or %{ }
  std::string value;               // a string or heredoc without interpolation: its content
  std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
};

struct Lexed {
  std::vector<Token> tokens;
  std::string error;  // empty when the whole text was read; else "line N: why"
};

Lexed lex(std::string_view text, const Limits& limits = {});

}  // namespace lsqm::hcl
