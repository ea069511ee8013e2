#include "formats/yaml_document.h"

#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "formats/strict_json.h"
#include "formats/utf8.h"

namespace lsqm {
namespace {

using nlohmann::json;

constexpr std::string_view kStandardTag = "tag:yaml.org,2002:";

std::string at_line(const YAML::Mark& mark) {
  if (mark.is_null()) return "YAML: ";
  return "YAML line " + std::to_string(mark.line + 1) + ": ";
}

[[noreturn]] void fail(const YAML::Mark& mark, const std::string& what) { throw FormatError(at_line(mark) + what); }

// The long-form key of a CloudFormation short tag ("!Sub" → "Fn::Sub"); empty if not one.
std::string intrinsic_key(const std::string& tag) {
  static const std::set<std::string> functions = {
      "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join",   "Select",       "Split",
      "Sub",    "Transform", "And",  "Equals", "If",     "Not",         "Or",     "Length",       "ToJsonString"};
  if (tag.size() < 2 || tag[0] != '!') return {};
  const std::string name = tag.substr(1);
  if (name == "Ref" || name == "Condition") return name;
  return functions.count(name) ? "Fn::" + name : std::string();
}

bool is_json_number(const std::string& s) {
  std::size_t i = 0, n = s.size();
  auto digits = [&] {
    const std::size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < n && s[i] == '-') ++i;
  const std::size_t int_start = i;
  if (!digits()) return false;
  if (s[int_start] == '0' && i - int_start > 1) return false;  // 0123 stays a string
  const bool integral = i == n;
  if (integral && i - int_start > 18) return false;  // beyond int64: keep every digit
  if (i < n && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

// A plain (unquoted, untagged) scalar typed by the core schema (see the header).
json plain_scalar(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text == "null" || text == "Null" || text == "NULL" || text == "~" || text.empty()) return nullptr;
  if (!is_json_number(text)) return text;
  json number = json::parse(text, nullptr, false);
  if (number.is_discarded()) return text;  // out of double's range: keep the digits
  return number;
}

// A scalar by its tag: "?" plain, "!" quoted (non-specific), "!Ref" etc, or a standard tag.
json typed_scalar(const YAML::Mark& mark, const std::string& tag, const std::string& text) {
  if (tag == "?") return plain_scalar(text);
  if (tag == "!") return text;
  if (tag.rfind(kStandardTag, 0) == 0) {
    const std::string type = tag.substr(kStandardTag.size());
    if (type == "str") return text;
    if (type == "int" || type == "float" || type == "bool" || type == "null") return plain_scalar(text);
  }
  const std::string key = intrinsic_key(tag);
  if (key.empty()) fail(mark, "unsupported tag " + tag);
  if (key == "Fn::GetAtt") {
    const auto dot = text.find('.');
    if (dot == std::string::npos) return {{key, text}};
    return {{key, json::array({text.substr(0, dot), text.substr(dot + 1)})}};
  }
  return {{key, text}};
}

// A collection by its tag: untagged, a standard map/seq tag, or an intrinsic.
json tagged_collection(const YAML::Mark& mark, const std::string& tag, json value, bool is_map) {
  if (tag.empty() || tag == "?" || tag == "!") return value;
  if (tag == std::string(kStandardTag) + (is_map ? "map" : "seq")) return value;
  const std::string key = intrinsic_key(tag);
  if (key.empty()) fail(mark, "unsupported tag " + tag);
  return {{key, std::move(value)}};
}

// Builds the JSON value from yaml-cpp's parse events, one stack frame per open collection.
class JsonBuilder : public YAML::EventHandler {
 public:
  explicit JsonBuilder(const YamlLimits& limits) : limits_(limits) {}

  json take_result() { return std::move(result_); }
  bool has_result() const { return has_result_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (key_expected()) fail(mark, "a mapping key is empty");
    complete(mark, nullptr, anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) fail(mark, "an alias refers to an anchor not yet complete");
    if (key_expected()) {
      if (!it->second.value.is_string()) fail(mark, "a mapping key must be a scalar");
      take_key(mark, it->second.value.get<std::string>(), false);
      return;
    }
    complete(mark, it->second.value, anchor_none, it->second.nodes);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (key_expected()) {
      if (tag != "?" && tag != "!" && tag != std::string(kStandardTag) + "str")
        fail(mark, "a mapping key must be a plain string, not " + tag);
      take_key(mark, value, tag == "?" && value == "<<");
      if (anchor != anchor_none) anchors_[anchor] = {json(value), 1};
      return;
    }
    complete(mark, typed_scalar(mark, tag, value), anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, json::array());
  }
  void OnSequenceEnd() override { close(false); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, json::object());
  }
  void OnMapEnd() override { close(true); }

 private:
  static constexpr YAML::anchor_t anchor_none = 0;

  struct Frame {
    YAML::Mark mark;
    std::string tag;
    YAML::anchor_t anchor;
    json value;
    std::size_t nodes_before;               // node count when the collection opened
    std::optional<std::string> key;         // a mapping's key awaiting its value
    YAML::Mark key_mark;
    bool key_is_merge = false;
    std::vector<json> merges;               // `<<` values, applied at the end
  };
  struct Anchored {
    json value;
    std::size_t nodes;
  };

  bool key_expected() const { return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().key; }

  void take_key(const YAML::Mark& mark, const std::string& key, bool is_merge) {
    Frame& f = stack_.back();
    if (!is_merge && f.value.contains(key)) fail(mark, "duplicate key \"" + key + "\"");
    f.key = key;
    f.key_mark = mark;
    f.key_is_merge = is_merge;
  }

  void count(const YAML::Mark& mark, std::size_t nodes) {
    nodes_ += nodes;
    if (nodes_ > limits_.max_nodes)
      fail(mark, "more than " + std::to_string(limits_.max_nodes) + " nodes (aliases expanded)");
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, json empty) {
    if (key_expected()) fail(mark, "a mapping key must be a scalar");
    if (stack_.size() >= limits_.max_depth)
      fail(mark, "nested deeper than " + std::to_string(limits_.max_depth));
    count(mark, 1);
    stack_.push_back(Frame{mark, tag, anchor, std::move(empty), nodes_ - 1, {}, {}, false, {}});
  }

  void close(bool is_map) {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (is_map) apply_merges(f);
    json value = tagged_collection(f.mark, f.tag, std::move(f.value), is_map);
    add(f.mark, std::move(value), f.anchor, nodes_ - f.nodes_before);
  }

  // `<<: *base` (or a list of them) adds the keys the mapping does not set itself.
  static void apply_merges(Frame& f) {
    for (const json& m : f.merges) {
      const auto add_from = [&](const json& source) {
        if (!source.is_object()) fail(f.mark, "a merge key `<<` needs a mapping");
        for (const auto& [k, v] : source.items())
          if (!f.value.contains(k)) f.value[k] = v;
      };
      if (m.is_array())
        for (const json& e : m) add_from(e);
      else
        add_from(m);
    }
  }

  void complete(const YAML::Mark& mark, json value, YAML::anchor_t anchor, std::size_t nodes) {
    count(mark, nodes);
    add(mark, std::move(value), anchor, nodes);
  }

  // Places a finished node into its parent (or as the result), keeping an anchored copy.
  void add(const YAML::Mark& mark, json value, YAML::anchor_t anchor, std::size_t nodes) {
    if (anchor != anchor_none) anchors_[anchor] = {value, nodes};
    if (stack_.empty()) {
      result_ = std::move(value);
      has_result_ = true;
      return;
    }
    Frame& parent = stack_.back();
    if (parent.value.is_array()) {
      parent.value.push_back(std::move(value));
      return;
    }
    if (parent.key_is_merge)
      parent.merges.push_back(std::move(value));
    else
      parent.value[*parent.key] = std::move(value);
    parent.key.reset();
    parent.key_is_merge = false;
  }

  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  std::size_t nodes_ = 0;
  json result_;
  bool has_result_ = false;
};

std::string_view without_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

bool looks_like_json(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

json read_json(std::string_view text, const YamlLimits& limits) {
  const std::string error = strict_json_error(text, limits.max_depth);
  if (!error.empty()) throw FormatError("JSON: " + error);
  return json::parse(text);
}

json read_yaml(std::string_view text, const YamlLimits& limits) {
  std::istringstream in{std::string(text)};
  JsonBuilder builder(limits);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder) || !builder.has_result()) throw FormatError("an empty YAML document");
    JsonBuilder rest(limits);
    if (parser.HandleNextDocument(rest) && !rest.take_result().is_null())
      throw FormatError("more than one YAML document");
  } catch (const YAML::Exception& e) {
    throw FormatError(at_line(e.mark) + e.msg);
  }
  return builder.take_result();
}

}  // namespace

json read_yaml_document(std::string_view text, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw FormatError("larger than " + std::to_string(limits.max_bytes) + " bytes");
  text = without_bom(text);
  if (const auto bad = first_non_utf8(text); bad != std::string_view::npos)
    throw FormatError("not UTF-8 text (byte " + std::to_string(bad) + ")");
  return looks_like_json(text) ? read_json(text, limits) : read_yaml(text, limits);
}

}  // namespace lsqm
