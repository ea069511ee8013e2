#include "actors/miner/serverless/serverless_variables.h"

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "actors/miner/template_expansion.h"
#include "actors/miner/template_files.h"

namespace lsqm {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxProducedNodes = 1'000'000;
constexpr std::size_t kMaxStringBytes = 1 << 20;
const std::string kAccountId = "${AWS::AccountId}";

// Sources a serverless.yml variable may name; a ${…} whose prefix is none of them is not a
// Serverless variable (a CloudFormation Fn::Sub one) and stays as written.
const std::set<std::string> kSources = {"self", "opt", "sls", "env", "aws", "file", "cf", "ssm", "s3",
                                        "param", "strToBool", "git", "sm"};

std::string trim(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\n");
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(" \t\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::size_t node_count(const json& value) {
  std::size_t count = 1;
  if (value.is_structured())
    for (const auto& child : value) count += node_count(child);
  return count;
}

// The index of the `}` closing the `${` whose `$` is at `open`, nested `${…}` / `{…}` counted; npos if none.
std::size_t closing_brace(const std::string& text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) return i;
  }
  return std::string::npos;
}

// Splits a variable's inner text at the commas outside quotes and nested braces.
std::vector<std::string> alternatives(const std::string& inner) {
  std::vector<std::string> parts;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (char c : inner) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '{' || c == '(') {
      ++depth;
    } else if (c == '}' || c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(trim(current));
      current.clear();
      continue;
    }
    current += c;
  }
  parts.push_back(trim(current));
  return parts;
}

std::string source_of(const std::string& expression) {
  std::size_t end = expression.find_first_of(":(");
  return end == std::string::npos ? std::string() : expression.substr(0, end);
}

bool is_variable(const std::string& inner) {
  std::string first = alternatives(inner).front();
  std::size_t colon = first.find(':');
  if (colon != std::string::npos && first.compare(colon, 2, "::") == 0) return false;
  return kSources.count(source_of(first)) > 0;
}

std::string scalar_text(const json& value, const std::string& variable) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  throw ExpansionRefused("serverless variable ${" + variable + "} is not text but is used inside text");
}

class Resolver {
 public:
  Resolver(const json& document, const ServerlessOptions& options) : document_(document), options_(options) {}

  json resolve(const json& node) {
    count(1);
    if (node.is_string()) return resolve_string(node.get<std::string>());
    if (!node.is_structured()) return node;
    json result = node.is_object() ? json::object() : json::array();
    if (node.is_object())
      for (const auto& [key, value] : node.items()) result[key] = resolve(value);
    else
      for (const auto& value : node) result.push_back(resolve(value));
    return result;
  }

  std::string stage() {
    if (!options_.stage.empty()) return options_.stage;
    return scalar_text(*self_value("provider.stage"), "self:provider.stage");
  }

  std::string region() {
    if (!options_.region.empty()) return options_.region;
    return scalar_text(*self_value("provider.region"), "self:provider.region");
  }

 private:
  void count(std::size_t nodes) {
    produced_ += nodes;
    if (produced_ > kMaxProducedNodes) throw ExpansionRefused("serverless variables expand beyond " + std::to_string(kMaxProducedNodes) + " nodes");
  }

  // A string with its variables replaced: the variable's own value when the string is one
  // variable, else text; with ${aws:accountId} inside text, a Fn::Sub.
  json resolve_string(const std::string& text) {
    std::string out;
    bool needs_sub = false;
    std::size_t position = 0;
    while (position < text.size()) {
      std::size_t open = text.find("${", position);
      if (open == std::string::npos) break;
      std::size_t close = closing_brace(text, open);
      if (close == std::string::npos) break;
      std::string inner = text.substr(open + 2, close - open - 2);
      out += text.substr(position, open - position);
      position = close + 1;
      if (!is_variable(inner)) {
        out += "${" + inner + "}";
        continue;
      }
      json value = evaluate(inner);
      if (open == 0 && close + 1 == text.size()) return value;
      if (value.is_object() && value.contains("Ref") && value["Ref"] == "AWS::AccountId") {
        out += kAccountId;
        needs_sub = true;
      } else {
        out += scalar_text(value, inner);
      }
      if (out.size() > kMaxStringBytes) throw ExpansionRefused("serverless variables expand a string beyond 1 MiB");
    }
    out += text.substr(position);
    if (needs_sub) return {{"Fn::Sub", out}};
    return out;
  }

  // The first alternative that has a value.
  json evaluate(const std::string& inner) {
    for (const std::string& alternative : alternatives(inner))
      if (auto value = alternative_value(alternative)) return *value;
    throw ExpansionRefused("serverless variable ${" + inner + "} has no value");
  }

  std::optional<json> alternative_value(std::string expression) {
    if (expression.empty()) return std::nullopt;
    char first = expression.front();
    if ((first == '\'' || first == '"') && expression.size() >= 2 && expression.back() == first)
      return json(expression.substr(1, expression.size() - 2));
    if (expression.find("${") != std::string::npos) expression = scalar_text(resolve_string(expression), expression);
    if (expression.rfind("file(", 0) == 0) return file_value(expression);
    std::string source = source_of(expression);
    if (source.empty()) {
      json number = json::parse(expression, nullptr, false);
      if (number.is_number() || number.is_boolean()) return number;
      throw ExpansionRefused("serverless variable alternative " + expression + " not understood");
    }
    std::string address = trim(expression.substr(source.size() + 1));
    return source_value(source, address, expression);
  }

  std::optional<json> source_value(const std::string& source, const std::string& address, const std::string& expression) {
    if (source == "self") return self_value(address);
    if (source == "opt") {
      if (address == "stage" && !options_.stage.empty()) return json(options_.stage);
      if (address == "region" && !options_.region.empty()) return json(options_.region);
      return std::nullopt;
    }
    if (source == "sls" && address == "stage") return json(stage());
    if (source == "aws" && address == "region") return json(region());
    if (source == "aws" && address == "accountId") return json{{"Ref", "AWS::AccountId"}};
    if (source == "env") {
      auto found = options_.env.find(address);
      if (found == options_.env.end()) return std::nullopt;
      return json(found->second);
    }
    if (source == "strToBool") return json(address == "true" || address == "1");
    throw ExpansionRefused("serverless variable source " + (source == "file" ? "file()" : source + ":") + " not resolved (${" + expression + "})");
  }

  // The value at a dotted address of the document, itself resolved; once per address.
  std::optional<json> self_value(const std::string& address) {
    return memoized("self:" + address, [&] {
      const json* node = at_address(document_, address);
      return node ? std::optional<json>(resolve(*node)) : framework_default(address);
    });
  }

  // ${file(path):address}: a YAML / JSON file of the unit, its variables resolved against
  // this document (as the framework does). A file absent from the unit has no value.
  std::optional<json> file_value(const std::string& expression) {
    std::size_t close = expression.find(')');
    if (close == std::string::npos) throw ExpansionRefused("serverless variable ${" + expression + "} not understood");
    std::string path = trim(expression.substr(5, close - 5));
    if (path.size() >= 2 && (path.front() == '\'' || path.front() == '"') && path.back() == path.front())
      path = path.substr(1, path.size() - 2);
    std::string address = trim(expression.substr(close + 1));
    if (!address.empty() && address.front() == ':') address = trim(address.substr(1));
    for (const char* script : {".js", ".ts", ".cjs", ".mjs"})
      if (path.ends_with(script)) throw ExpansionRefused("serverless variable ${file(" + path + ")} needs JavaScript");
    std::string in_unit = unit_path(options_.files.template_dir, path);
    if (!options_.files.unit_files || !options_.files.unit_files->count(in_unit)) return std::nullopt;
    return memoized("file:" + in_unit + ":" + address, [&] {
      auto parsed = files_.find(in_unit);
      if (parsed == files_.end()) parsed = files_.emplace(in_unit, read_local_document(options_.files, path)).first;
      const json* node = at_address(parsed->second, address);
      return node ? std::optional<json>(resolve(*node)) : std::nullopt;
    });
  }

  // Each key is resolved once; asking for a key while it is being resolved is a cycle.
  template <class Resolve>
  std::optional<json> memoized(const std::string& key, Resolve&& compute) {
    if (auto known = memo_.find(key); known != memo_.end()) {
      count(known->second.second);
      return known->second.first;
    }
    if (!active_.insert(key).second) throw ExpansionRefused("serverless variable cycle through ${" + key + "}");
    std::optional<json> value = compute();
    active_.erase(key);
    if (value) memo_[key] = {*value, node_count(*value)};
    return value;
  }

  static const json* at_address(const json& root, const std::string& address) {
    const json* node = &root;
    std::string rest = address;
    while (node && !rest.empty()) {
      std::size_t dot = rest.find('.');
      std::string key = rest.substr(0, dot);
      rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
      node = child(*node, key);
    }
    return node;
  }

  // The framework fills provider.stage and provider.region before resolving variables.
  std::optional<json> framework_default(const std::string& address) const {
    if (address == "provider.stage") return json(options_.stage.empty() ? "dev" : options_.stage);
    if (address == "provider.region") return json(options_.region.empty() ? "us-east-1" : options_.region);
    return std::nullopt;
  }

  static const json* child(const json& node, const std::string& key) {
    if (node.is_object()) {
      auto found = node.find(key);
      return found == node.end() ? nullptr : &*found;
    }
    if (node.is_array() && !key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() < 9) {
      std::size_t index = std::stoul(key);
      return index < node.size() ? &node[index] : nullptr;
    }
    return nullptr;
  }

  const json& document_;
  const ServerlessOptions& options_;
  std::map<std::string, std::pair<json, std::size_t>> memo_;
  std::map<std::string, json> files_;  // parsed ${file(…)} documents by unit path
  std::set<std::string> active_;
  std::size_t produced_ = 0;
};

}  // namespace

json resolve_serverless_variables(const json& serverless, const ServerlessOptions& options) {
  return Resolver(serverless, options).resolve(serverless);
}

std::string effective_stage(const json& resolved, const ServerlessOptions& options) {
  return Resolver(resolved, options).stage();
}

std::string effective_region(const json& resolved, const ServerlessOptions& options) {
  return Resolver(resolved, options).region();
}

}  // namespace lsqm
