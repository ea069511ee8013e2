#include "formats/hcl_lexer.h"

#include <algorithm>

#include "formats/utf8.h"

namespace lsqm::hcl {
namespace {

bool is_ident_start(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || u >= 0x80;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c) || c == '-'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Where the lexer is: a quoted template, a heredoc template, or an interpolation (or
// directive) inside one of them. The top level (code) is the empty stack.
struct Frame {
  enum Kind { quoted, heredoc, interpolation } kind;
  int line;                   // where it opened
  std::string_view marker;    // heredoc: the closing marker
  int braces = 0;             // interpolation: '{' opened inside it and not yet closed
};

class Lexer {
 public:
  Lexer(std::string_view text, const Limits& limits) : s_(text), limits_(limits) {}

  Lexed run() {
    if (s_.size() > limits_.max_file_bytes)
      return fail_at(0, "larger than " + std::to_string(limits_.max_file_bytes) + " bytes");
    if (auto bad = first_non_utf8(s_); bad != std::string_view::npos) {
      auto line = 1 + std::count(s_.begin(), s_.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
      return fail_at(static_cast<int>(line), "not UTF-8 text (or holds a NUL byte)");
    }
    while (pos_ < s_.size() && out_.error.empty()) {
      if (pos_ - line_start_ >= limits_.max_line_bytes) {
        fail("a line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
        break;
      }
      if (stack_.empty() || stack_.back().kind == Frame::interpolation) code();
      else if (stack_.back().kind == Frame::quoted) quoted();
      else heredoc();
    }
    if (out_.error.empty() && !stack_.empty()) {
      const Frame& f = stack_.front();
      fail_line(f.line, f.kind == Frame::heredoc ? "heredoc never closed" : "string never closed");
    }
    return std::move(out_);
  }

 private:
  std::string_view s_;
  Limits limits_;
  std::size_t pos_ = 0, line_start_ = 0;
  int line_ = 1;
  std::size_t code_depth_ = 0;  // open brackets at the top level
  std::vector<Frame> stack_;
  Token string_;  // the top-level string or heredoc being read
  Lexed out_;

  char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  bool top_level() const { return stack_.empty(); }

  Lexed fail_at(int line, const std::string& why) {
    fail_line(line, why);
    return std::move(out_);
  }
  void fail_line(int line, const std::string& why) {
    if (out_.error.empty()) out_.error = (line > 0 ? "line " + std::to_string(line) + ": " : "") + why;
  }
  void fail(const std::string& why) { fail_line(line_, why); }

  void newline_at(std::size_t i) {
    ++line_;
    line_start_ = i + 1;
  }

  void emit(TokenKind kind, std::size_t begin, std::size_t end) {
    if (!top_level()) return;
    Token t;
    t.kind = kind;
    t.begin = begin;
    t.end = end;
    t.line = line_;
    out_.tokens.push_back(std::move(t));
  }

  bool push(Frame f) {
    if (stack_.size() + code_depth_ >= limits_.max_nesting) {
      fail("nested deeper than " + std::to_string(limits_.max_nesting));
      return false;
    }
    if (stack_.empty()) {
      string_ = Token{};
      string_.kind = f.kind == Frame::heredoc ? TokenKind::heredoc : TokenKind::string;
      string_.begin = pos_;
      string_.line = line_;
    }
    stack_.push_back(f);
    return true;
  }

  // Closes the innermost template; the string token is done once the outermost closes.
  void pop_template(std::size_t end) {
    stack_.pop_back();
    if (!stack_.empty()) return;
    string_.end = end;
    out_.tokens.push_back(std::move(string_));
  }

  // One template character for the outermost template's literal value.
  void literal(std::string_view text) {
    if (stack_.size() == 1 && !string_.interpolated) string_.value.append(text);
  }

  // `${` or `%{` at pos_ inside a template (after the `$${` / `%%{` escapes were handled).
  void open_interpolation() {
    if (stack_.size() == 1) {
      string_.interpolated = true;
      string_.value.clear();
    }
    if (push({Frame::interpolation, line_, {}, 0})) pos_ += 2;
  }

  bool template_escape_or_interpolation() {
    char c = s_[pos_];
    if ((c == '$' || c == '%') && at(pos_ + 1) == c && at(pos_ + 2) == '{') {
      literal(s_.substr(pos_ + 1, 2));
      pos_ += 3;
      return true;
    }
    if ((c == '$' || c == '%') && at(pos_ + 1) == '{') {
      open_interpolation();
      return true;
    }
    return false;
  }

  void quoted() {
    char c = s_[pos_];
    if (c == '\n') return fail("a quoted string may not span lines (use a heredoc)");
    if (template_escape_or_interpolation()) return;
    if (c == '"') {
      pop_template(++pos_);
      return;
    }
    if (c == '\\') return escape();
    literal(s_.substr(pos_++, 1));
  }

  void escape() {
    char e = at(pos_ + 1);
    const char* simple = nullptr;
    switch (e) {
      case 'n': simple = "\n"; break;
      case 't': simple = "\t"; break;
      case 'r': simple = "\r"; break;
      case '"': simple = "\""; break;
      case '\\': simple = "\\"; break;
      default: break;
    }
    if (simple) {
      literal(simple);
      pos_ += 2;
      return;
    }
    std::size_t digits = e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (digits == 0) return fail("invalid escape sequence in a string");
    unsigned long cp = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      char h = at(pos_ + 2 + k);
      if (!is_hex(h)) return fail("invalid unicode escape in a string");
      cp = cp * 16 + static_cast<unsigned long>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp == 0)
      return fail("invalid unicode escape in a string");
    std::string utf8;
    append_utf8(utf8, cp);
    literal(utf8);
    pos_ += 2 + digits;
  }

  void heredoc() {
    const Frame& f = stack_.back();
    if (pos_ == line_start_) {
      std::size_t eol = s_.find('\n', pos_);
      if (eol == std::string_view::npos) eol = s_.size();
      auto line = s_.substr(pos_, eol - pos_);
      auto b = line.find_first_not_of(" \t");
      auto e = line.find_last_not_of(" \t\r");
      if (b != std::string_view::npos && line.substr(b, e - b + 1) == f.marker) {
        pos_ += e + 1;
        pop_template(pos_);
        return;
      }
      if (eol - pos_ >= limits_.max_line_bytes)
        return fail("a line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
    }
    if (template_escape_or_interpolation()) return;
    if (s_[pos_] == '\n') newline_at(pos_);
    literal(s_.substr(pos_++, 1));
  }

  void open_heredoc() {
    std::size_t j = pos_ + 2;
    if (at(j) == '-') ++j;
    std::size_t id = j;
    while (j < s_.size() && is_ident_char(s_[j])) ++j;
    std::size_t eol = j;
    if (at(eol) == '\r') ++eol;
    if (j == id || !is_ident_start(s_[id]) || at(eol) != '\n')
      return fail("malformed heredoc: expected <<MARKER or <<-MARKER and a line break");
    if (!push({Frame::heredoc, line_, s_.substr(id, j - id), 0})) return;
    pos_ = eol;
    newline_at(pos_++);
  }

  void block_comment() {
    int opened = line_;
    for (std::size_t i = pos_ + 2; i + 1 < s_.size(); ++i) {
      if (s_[i] == '\n') {
        newline_at(i);
      } else if (i - line_start_ >= limits_.max_line_bytes) {
        return fail("a line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
      } else if (s_[i] == '*' && s_[i + 1] == '/') {
        pos_ = i + 2;
        return;
      }
    }
    fail_line(opened, "comment never closed");
  }

  void open_bracket(std::size_t width) {
    if (stack_.size() + code_depth_ >= limits_.max_nesting)
      return fail("nested deeper than " + std::to_string(limits_.max_nesting));
    if (!stack_.empty()) ++stack_.back().braces;
    else ++code_depth_;
    emit(TokenKind::punctuation, pos_, pos_ + width);
    pos_ += width;
  }

  void close_bracket() {
    if (!stack_.empty()) {
      Frame& f = stack_.back();
      if (s_[pos_] == '}' && f.braces == 0) {  // the interpolation ends
        stack_.pop_back();
        ++pos_;
        return;
      }
      if (f.braces > 0) --f.braces;
    } else if (code_depth_ > 0) {
      --code_depth_;
    }
    emit(TokenKind::punctuation, pos_, pos_ + 1);
    ++pos_;
  }

  void word(bool (*part)(char), TokenKind kind) {
    std::size_t b = pos_;
    while (pos_ < s_.size() && part(s_[pos_])) ++pos_;
    emit(kind, b, pos_);
  }

  void number() {
    std::size_t b = pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (is_digit(c) || ((c == 'e' || c == 'E') && pos_ > b)) ++pos_;
      else if ((c == '+' || c == '-') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E')) ++pos_;
      else if (c == '.' && is_digit(at(pos_ + 1))) ++pos_;
      else break;
    }
    emit(TokenKind::number, b, pos_);
  }

  void operator_token() {
    static constexpr std::string_view two[] = {"==", "!=", "<=", ">=", "=>", "&&", "||"};
    if (s_.substr(pos_, 3) == "...") {
      emit(TokenKind::punctuation, pos_, pos_ + 3);
      pos_ += 3;
      return;
    }
    for (auto op : two)
      if (s_.substr(pos_, 2) == op) {
        emit(TokenKind::punctuation, pos_, pos_ + 2);
        pos_ += 2;
        return;
      }
    static constexpr std::string_view one = "=,.:?!+-*/%<>~";
    if (one.find(s_[pos_]) == std::string_view::npos) {
      static const char* hex = "0123456789abcdef";
      auto u = static_cast<unsigned char>(s_[pos_]);
      return fail(std::string("unexpected character 0x") + hex[u >> 4] + hex[u & 0xf]);
    }
    emit(TokenKind::punctuation, pos_, pos_ + 1);
    ++pos_;
  }

  // The top level, or an interpolation's expression.
  void code() {
    char c = s_[pos_];
    char next = at(pos_ + 1);
    if (c == ' ' || c == '\t' || c == '\r') {
      ++pos_;
    } else if (c == '\n') {
      emit(TokenKind::newline, pos_, pos_ + 1);
      newline_at(pos_++);
    } else if (c == '#' || (c == '/' && next == '/')) {
      while (pos_ < s_.size() && s_[pos_] != '\n' && pos_ - line_start_ < limits_.max_line_bytes) ++pos_;
    } else if (c == '/' && next == '*') {
      block_comment();
    } else if (c == '"') {
      if (push({Frame::quoted, line_, {}, 0})) ++pos_;
    } else if (c == '<' && next == '<') {
      open_heredoc();
    } else if (c == '{' || c == '(' || c == '[') {
      open_bracket(1);
    } else if (c == '}' || c == ')' || c == ']') {
      close_bracket();
    } else if (is_ident_start(c)) {
      word(is_ident_char, TokenKind::identifier);
    } else if (is_digit(c)) {
      number();
    } else {
      operator_token();
    }
  }
};

}  // namespace

Lexed lex(std::string_view text, const Limits& limits) { return Lexer(text, limits).run(); }

}  // namespace lsqm::hcl
