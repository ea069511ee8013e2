// The structure of an HCL file as lsqm needs it: attributes and blocks, with line numbers.
// Expressions are not evaluated: an attribute keeps its raw text, its value when it is a
// plain string, and the plain strings of an object constructor ({ source = "…" }).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/hcl_lexer.h"

namespace lsqm::hcl {

struct Attribute {
  std::string name;
  std::string expression;              // raw source text of the value
  std::optional<std::string> literal;  // the value when it is a string without interpolation
  // An object constructor value: its keys whose value is a string without interpolation.
  std::map<std::string, std::string> object_strings;
  bool is_object = false;  // the value is one object constructor { … }
  int line = 0;
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;  // in file order
  std::vector<Block> blocks;          // in file order
  const Attribute* attribute(std::string_view name) const;  // the first so named, or null
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  Body body;
  int line = 0;
};

struct File {
  Body body;
  std::string error;  // empty when the file was read whole; else "line N: why"
};

// Never throws. On error `body` holds what was read before it; callers refuse the file.
File parse(std::string_view text, const Limits& limits = {});

// Every block of `body`, at any depth (a provisioner inside a resource, a block in a block),
// parents before their children.
std::vector<const Block*> all_blocks(const Body& body);

}  // namespace lsqm::hcl
