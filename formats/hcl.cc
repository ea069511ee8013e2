#include "formats/hcl.h"

namespace lsqm::hcl {
namespace {

bool is_punct(const Token& t, std::string_view source, std::string_view p) {
  return t.kind == TokenKind::punctuation && t.text(source) == p;
}

bool opens(const Token& t, std::string_view s) {
  return is_punct(t, s, "{") || is_punct(t, s, "(") || is_punct(t, s, "[");
}
bool closes(const Token& t, std::string_view s) {
  return is_punct(t, s, "}") || is_punct(t, s, ")") || is_punct(t, s, "]");
}

bool plain_string(const Token& t) { return t.kind == TokenKind::string && !t.interpolated; }

// A string or heredoc without interpolation: its value is known without evaluating anything.
bool plain_template(const Token& t) {
  return (t.kind == TokenKind::string || t.kind == TokenKind::heredoc) && !t.interpolated;
}

class Parser {
 public:
  Parser(std::string_view source, const std::vector<Token>& tokens)
      : s_(source), t_(tokens) {}

  std::string run(Body& root) {
    std::vector<Body*> open{&root};
    std::vector<int> opened_at{0};
    while (pos_ < t_.size() && error_.empty()) {
      const Token& t = t_[pos_];
      if (t.kind == TokenKind::newline) {
        ++pos_;
      } else if (is_punct(t, s_, "}")) {
        if (open.size() == 1) return fail(t, "a '}' closes no block");
        open.pop_back();
        opened_at.pop_back();
        ++pos_;
        if (pos_ < t_.size() && t_[pos_].kind != TokenKind::newline && !is_punct(t_[pos_], s_, "}"))
          return fail(t_[pos_], "expected a line break after a block's '}'");
      } else if (t.kind != TokenKind::identifier) {
        return fail(t, "expected an attribute or a block, found '" + std::string(t.text(s_)) + "'");
      } else if (pos_ + 1 < t_.size() && is_punct(t_[pos_ + 1], s_, "=")) {
        attribute(*open.back(), open.size() > 1);
      } else if (Block* b = block_header(*open.back())) {
        open.push_back(&b->body);
        opened_at.push_back(b->line);
      }
    }
    if (error_.empty() && open.size() > 1)
      error_ = "line " + std::to_string(opened_at.back()) + ": block never closed";
    return error_;
  }

 private:
  std::string_view s_;
  const std::vector<Token>& t_;
  std::size_t pos_ = 0;
  std::string error_;

  std::string fail(const Token& t, const std::string& why) {
    if (error_.empty()) error_ = "line " + std::to_string(t.line) + ": " + why;
    return error_;
  }

  // `name = expression`, up to a line break outside brackets (or a one-line block's '}').
  void attribute(Body& body, bool in_block) {
    Attribute a;
    a.name = std::string(t_[pos_].text(s_));
    a.line = t_[pos_].line;
    std::size_t first = pos_ + 2, i = first;
    int depth = 0;
    for (; i < t_.size(); ++i) {
      const Token& t = t_[i];
      if (depth == 0 && t.kind == TokenKind::newline) break;
      if (opens(t, s_)) ++depth;
      else if (closes(t, s_) && depth == 0) {
        if (in_block && is_punct(t, s_, "}")) break;
        fail(t, "unbalanced '" + std::string(t.text(s_)) + "'");
        return;
      } else if (closes(t, s_)) --depth;
    }
    if (i == first) {
      fail(t_[pos_], "attribute " + a.name + " has no value");
      return;
    }
    if (depth != 0) {
      fail(t_[first], "unclosed bracket in the value of " + a.name);
      return;
    }
    a.expression = std::string(s_.substr(t_[first].begin, t_[i - 1].end - t_[first].begin));
    if (i - first == 1 && plain_template(t_[first])) a.literal = t_[first].value;
    if (is_punct(t_[first], s_, "{") && matching_close(first) == i - 1) {
      a.is_object = true;
      read_object(first, i - 1, a.object_strings);
    }
    body.attributes.push_back(std::move(a));
    pos_ = i;
  }

  std::size_t matching_close(std::size_t open) const {
    int depth = 0;
    for (std::size_t i = open; i < t_.size(); ++i) {
      if (opens(t_[i], s_)) ++depth;
      else if (closes(t_[i], s_) && --depth == 0) return i;
    }
    return t_.size();
  }

  // The `key = "string"` items of the object constructor between `open` and `close`.
  void read_object(std::size_t open, std::size_t close, std::map<std::string, std::string>& out) {
    int depth = 0;
    std::optional<std::string> key;
    bool bad_key = false, in_value = false;
    std::size_t value_start = 0, value_tokens = 0;
    auto finish = [&] {
      if (key && !bad_key && in_value && value_tokens == 1 && plain_template(t_[value_start]))
        out[*key] = t_[value_start].value;
      key.reset();
      bad_key = in_value = false;
      value_tokens = 0;
    };
    for (std::size_t i = open + 1; i < close; ++i) {
      const Token& t = t_[i];
      if (depth == 0 && (t.kind == TokenKind::newline || is_punct(t, s_, ","))) {
        finish();
        continue;
      }
      bool at_top = depth == 0;
      if (opens(t, s_)) ++depth;
      else if (closes(t, s_)) --depth;
      if (in_value) {
        if (value_tokens++ == 0) value_start = i;
      } else if (at_top && key && (is_punct(t, s_, "=") || is_punct(t, s_, ":"))) {
        in_value = true;
      } else if (at_top && !key && t.kind == TokenKind::identifier) {
        key = std::string(t.text(s_));
      } else if (at_top && !key && plain_string(t)) {
        key = t.value;
      } else {
        bad_key = true;
      }
    }
    finish();
  }

  // `type label… {`: the new block, or null after an error.
  Block* block_header(Body& body) {
    Block b;
    b.type = std::string(t_[pos_].text(s_));
    b.line = t_[pos_].line;
    std::size_t i = pos_ + 1;
    for (; i < t_.size(); ++i) {
      const Token& t = t_[i];
      if (t.kind == TokenKind::identifier) b.labels.emplace_back(t.text(s_));
      else if (plain_string(t)) b.labels.push_back(t.value);
      else if (t.kind == TokenKind::string) return fail(t, "a block label may not hold interpolation"), nullptr;
      else break;
    }
    if (i == t_.size() || !is_punct(t_[i], s_, "{"))
      return fail(i < t_.size() ? t_[i] : t_[pos_], "expected '{' after block " + b.type), nullptr;
    pos_ = i + 1;
    body.blocks.push_back(std::move(b));
    return &body.blocks.back();
  }
};

}  // namespace

const Attribute* Body::attribute(std::string_view name) const {
  for (const auto& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}

File parse(std::string_view text, const Limits& limits) {
  File file;
  auto lexed = lex(text, limits);
  auto parsed = Parser(text, lexed.tokens).run(file.body);
  file.error = lexed.error.empty() ? parsed : lexed.error;
  return file;
}

std::vector<const Block*> all_blocks(const Body& body) {
  std::vector<const Block*> out;
  for (const auto& b : body.blocks) out.push_back(&b);
  for (std::size_t i = 0; i < out.size(); ++i)
    for (const auto& child : out[i]->body.blocks) out.push_back(&child);
  return out;
}

}  // namespace lsqm::hcl
