// One YAML or JSON document (a CloudFormation / SAM template, a serverless.yml) read into
// JSON, bounded, with CloudFormation's short tags in their long form. Templates are
// strangers' text: every failure is a FormatError with a reason, never a crash.
//
// Scalars follow YAML 1.2's core schema (as js-yaml, which the Serverless Framework uses):
// a plain `true`/`false` (any case form YAML allows) is a boolean, a plain `~`/`null`/empty
// value is null, a plain scalar in JSON number syntax is a number (so `Timeout: 30` in YAML
// and `"Timeout": 30` in JSON read alike), everything else is a string: `yes`, `on`,
// `2010-09-09`, `0123`, `0x1f`, `.inf`, a 19+ digit integer. Quoted scalars are strings.
// CloudFormation converts a property's value to the type its schema wants, so this choice
// only decides how a value is spelled in JSON, never what a template means.
//
// Short tags → long form: `!Ref x` → {"Ref":"x"}, `!Condition x` → {"Condition":"x"},
// `!GetAtt a.b.c` → {"Fn::GetAtt":["a","b.c"]}, `!Sub`, `!Join`, `!If`, `!Select`, `!Split`,
// `!FindInMap`, `!ImportValue`, `!Base64`, `!Equals`, `!Not`, `!And`, `!Or`, `!GetAZs`,
// `!Cidr`, `!Transform`, `!Length`, `!ToJsonString` → {"Fn::<Name>": value}. A tagged scalar
// keeps its text as a string. Another `!tag` is refused, as are YAML's binary/set/omap tags.
//
// Anchors and aliases are honoured (serverless.yml uses them), and so is the `<<` merge key;
// an alias counts every node it stands for, so an alias bomb is refused, not expanded.
// A duplicate key in one mapping is refused, in YAML as in JSON. A document whose first
// character (after a BOM and white space) is `{` is JSON and is read strictly
// (formats/strict_json.h); YAML allows one document per file here.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lsqm {

struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct YamlLimits {
  std::size_t max_bytes = 2 << 20;   // larger input is refused before parsing
  std::size_t max_depth = 128;       // nested mappings/sequences
  std::size_t max_nodes = 500'000;   // nodes of the result, aliases expanded
};

// Throws FormatError ("YAML line 3: duplicate key \"Type\"", "JSON: not valid JSON at byte
// 9", "more than 500000 nodes", …).
nlohmann::json read_yaml_document(std::string_view text, const YamlLimits& limits = {});

}  // namespace lsqm
