#include "formats/hcl_lexer.h"

#include <chrono>

#include <catch2/catch.hpp>

using namespace lsqm::hcl;

namespace {

std::vector<std::string> texts(std::string_view src, const Lexed& l) {
  std::vector<std::string> out;
  for (const auto& t : l.tokens) out.emplace_back(t.kind == TokenKind::newline ? "\\n" : t.text(src));
  return out;
}

}  // namespace

TEST_CASE("the lexer reads identifiers, numbers, punctuation and line breaks", "[hcl]") {
  std::string src = "a-b = 1.5e3 == x.y[0] => ...\n";
  auto l = lex(src);
  REQUIRE(l.error.empty());
  CHECK(texts(src, l) ==
        std::vector<std::string>{"a-b", "=", "1.5e3", "==", "x", ".", "y", "[", "0", "]", "=>", "...", "\\n"});
  CHECK(l.tokens[0].kind == TokenKind::identifier);
  CHECK(l.tokens[2].kind == TokenKind::number);
}

TEST_CASE("comments of all three kinds are skipped, line breaks kept", "[hcl]") {
  std::string src = "a # x {\nb // y {\nc /* z\n { */ d\n";
  auto l = lex(src);
  REQUIRE(l.error.empty());
  CHECK(texts(src, l) == std::vector<std::string>{"a", "\\n", "b", "\\n", "c", "d", "\\n"});
  CHECK(l.tokens.back().line == 4);
}

TEST_CASE("a string is one token, its value decoded unless it interpolates", "[hcl]") {
  std::string src = R"(a = "x\"y\\ \u00e9 $${lit} %%{lit}")" "\n" R"(b = "pre-${var.x}-post")";
  auto l = lex(src);
  REQUIRE(l.error.empty());
  REQUIRE(l.tokens.size() == 7);
  CHECK(l.tokens[2].kind == TokenKind::string);
  CHECK_FALSE(l.tokens[2].interpolated);
  CHECK(l.tokens[2].value == "x\"y\\ \xc3\xa9 ${lit} %{lit}");
  CHECK(l.tokens[6].interpolated);
  CHECK(l.tokens[6].value.empty());
  CHECK(l.tokens[6].text(src) == R"("pre-${var.x}-post")");
}

TEST_CASE("interpolations nest, hold strings and braces, and may span lines", "[hcl]") {
  std::string src =
      "a = \"${ {k = \"}\"}[\"k\"] } and ${\"${\"deep\"}\"}\"\n"
      "b = \"${\n 1} /* \"\n"
      "provisioner \"local-exec\" {\n";
  auto l = lex(src);
  REQUIRE(l.error.empty());
  auto t = texts(src, l);
  // The multi-line interpolation ends the string where terraform ends it: the block after it
  // is code, not a comment.
  CHECK(std::find(t.begin(), t.end(), "provisioner") != t.end());
  CHECK(l.tokens[2].interpolated);
  const auto& b = l.tokens[6];
  CHECK(b.text(src) == "\"${\n 1} /* \"");
  CHECK(b.line == 2);
  auto prov = std::find(t.begin(), t.end(), "provisioner") - t.begin();
  CHECK(l.tokens[static_cast<std::size_t>(prov)].line == 4);
}

TEST_CASE("heredocs are one token; their bodies are templates too", "[hcl]") {
  std::string src =
      "a = <<EOF\nresource \"x\" \"y\" {\n  EOF-not\nEOF\n"
      "b = <<-T\n    ${join(\"\\n\", [\nT\n])}\n    T\n"
      "c = 1\n";
  auto l = lex(src);
  REQUIRE(l.error.empty());
  auto t = texts(src, l);
  CHECK(t == std::vector<std::string>{"a", "=", t[2], "\\n", "b", "=", t[6], "\\n", "c", "=", "1", "\\n"});
  CHECK(l.tokens[2].kind == TokenKind::heredoc);
  CHECK_FALSE(l.tokens[2].interpolated);
  CHECK(l.tokens[2].value == "resource \"x\" \"y\" {\n  EOF-not\n");
  // The marker inside the interpolation does not close the heredoc.
  CHECK(l.tokens[6].interpolated);
  CHECK(l.tokens[8].line == 10);
}

TEST_CASE("what the lexer cannot read is an error with its line", "[hcl]") {
  struct Case {
    std::string src, reason;
  };
  for (const auto& c : std::vector<Case>{
           {"a = \"open\nb = 1\n", "line 1: a quoted string may not span lines"},
           {"a = \"${ x\n", "line 1: string never closed"},
           {"x = 1\na = <<EOF\nbody\n", "line 2: heredoc never closed"},
           {"a = 1 /* open\n\n", "line 1: comment never closed"},
           {"a = <<EOF x\nEOF\n", "line 1: malformed heredoc"},
           {"a = \"\\q\"\n", "line 1: invalid escape"},
           {"a = 1;\n", "line 1: unexpected character 0x3b"},
           {std::string("a = \"\0\"", 7), "line 1: not UTF-8"},
           {"a = 1\nb = \"\xff\"", "line 2: not UTF-8"},
       }) {
    INFO(c.src);
    auto l = lex(c.src);
    CHECK_THAT(l.error, Catch::Contains(c.reason));
  }
}

TEST_CASE("the lexer's bounds: file size, line length, nesting", "[hcl]") {
  Limits small;
  small.max_file_bytes = 100;
  CHECK_THAT(lex(std::string(101, ' '), small).error, Catch::Contains("larger than 100 bytes"));

  auto spaces = lex("a = 1\n" + std::string(30000, ' ') + "\n");
  CHECK_THAT(spaces.error, Catch::Contains("line 2: a line longer than"));
  auto long_comment = lex("# " + std::string(30000, 'x'));
  CHECK_THAT(long_comment.error, Catch::Contains("line 1: a line longer than"));

  CHECK_THAT(lex(std::string(100, '[')).error, Catch::Contains("nested deeper than 64"));
  std::string templates;
  for (int i = 0; i < 100; ++i) templates += "\"${";
  CHECK_THAT(lex("a = " + templates).error, Catch::Contains("nested deeper than 64"));
}

TEST_CASE("the lexer is linear on hostile input", "[hcl]") {
  auto start = std::chrono::steady_clock::now();
  std::string unclosed;
  while (unclosed.size() < 200 * 1024) unclosed += "module \"m\" {\n";
  CHECK_FALSE(lex(unclosed).error.empty());
  std::string many_strings;
  while (many_strings.size() < 900 * 1024) many_strings += "a = \"${\"${x}\"}\" # \"\n";
  CHECK(lex(many_strings).error.empty());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}
