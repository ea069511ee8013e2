#include "actors/miner/cfn/intrinsics.h"

#include <vector>

#include "actors/miner/cfn/resource_types.h"

namespace lsqm::cfn {
namespace {

const char* const kUntranslatable = "null";  // the placeholder where a refusal was recorded

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

// Expressions of a list's elements, at least `min` of them, or nothing (refusal recorded).
std::optional<std::vector<std::string>> arguments(const json& args, std::size_t min, std::size_t max,
                                                  const std::string& function, Translation& t) {
  if (!args.is_array() || args.size() < min || args.size() > max) {
    t.refuse(function + " with malformed arguments");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const json& a : args) out.push_back(hcl_expression(a, t));
  return out;
}

std::string pseudo_parameter(const std::string& name, Translation& t) {
  auto data = [&](const std::string& type, const std::string& attribute) {
    t.data[type]["current"] = json::object();
    return "data." + type + ".current." + attribute;
  };
  if (name == "AWS::Region") return data("aws_region", "name");
  if (name == "AWS::AccountId") return data("aws_caller_identity", "account_id");
  if (name == "AWS::Partition") return data("aws_partition", "partition");
  if (name == "AWS::URLSuffix") return data("aws_partition", "dns_suffix");
  if (name == "AWS::StackName") return hcl_quote(t.options.stack_name);
  if (name == "AWS::NoValue") return "null";
  if (name == "AWS::NotificationARNs") return "[]";
  if (name == "AWS::StackId")
    return "\"arn:${" + data("aws_partition", "partition") + "}:cloudformation:${" + data("aws_region", "name") +
           "}:${" + data("aws_caller_identity", "account_id") + "}:stack/" + template_escape(t.options.stack_name) +
           "/00000000-0000-0000-0000-000000000000\"";
  t.refuse("Ref " + name);
  return kUntranslatable;
}

// `spec` of ResourceType::ref / attributes applied to an address.
std::string apply_attribute(const std::string& spec, const std::string& address) {
  if (spec.empty() || spec[0] != '=') return address + "." + spec;
  std::string out;
  for (char c : spec.substr(1)) {
    if (c == '@') out += address;
    else out += c;
  }
  return out;
}

std::string getatt(const json& args, Translation& t) {
  if (args.is_string()) {  // "Logical.Attribute" (Fn::GetAtt accepts it in JSON too)
    const std::string s = args.get<std::string>();
    const auto dot = s.find('.');
    if (dot == std::string::npos) {
      t.refuse("Fn::GetAtt with malformed arguments");
      return kUntranslatable;
    }
    return getatt_expression(s.substr(0, dot), s.substr(dot + 1), t);
  }
  if (!args.is_array() || args.size() != 2 || !args[0].is_string() || !args[1].is_string()) {
    t.refuse("Fn::GetAtt with a computed attribute");
    return kUntranslatable;
  }
  return getatt_expression(args[0].get<std::string>(), args[1].get<std::string>(), t);
}

// One `${…}` of Fn::Sub: a variable of the Sub, a pseudo parameter, a parameter or resource
// (Ref), or Logical.Attribute (GetAtt).
std::string sub_reference(const std::string& name, const json& variables, Translation& t) {
  if (variables.is_object() && variables.contains(name)) return hcl_expression(variables[name], t);
  const auto dot = name.find('.');
  if (dot != std::string::npos && name.rfind("AWS::", 0) != 0)
    return getatt_expression(name.substr(0, dot), name.substr(dot + 1), t);
  return ref_expression(name, t);
}

// Fn::Sub as an HCL template string; one pass over the text.
std::string sub(const json& args, Translation& t) {
  json text = args, variables = json::object();
  if (args.is_array() && args.size() == 2) {
    text = args[0];
    variables = args[1];
  }
  if (!text.is_string() || !variables.is_object()) {
    t.refuse("Fn::Sub with malformed arguments");
    return kUntranslatable;
  }
  const std::string s = text.get<std::string>();
  std::string out = "\"";
  std::size_t i = 0;
  while (i < s.size()) {
    const auto open = s.find("${", i);
    const auto close = open == std::string::npos ? std::string::npos : s.find('}', open + 2);
    if (close == std::string::npos) {
      out += hcl_quote(s.substr(i)).substr(1, std::string::npos);
      out.pop_back();
      break;
    }
    const std::string literal = hcl_quote(s.substr(i, open - i));
    out += literal.substr(1, literal.size() - 2);
    std::string name = s.substr(open + 2, close - open - 2);
    if (!name.empty() && name[0] == '!') {  // ${!Literal} is the text "${Literal}"
      out += "$${" + hcl_quote(name.substr(1)).substr(1);
      out.back() = '}';
    } else {
      while (!name.empty() && name.front() == ' ') name.erase(0, 1);
      while (!name.empty() && name.back() == ' ') name.pop_back();
      const std::string expression = sub_reference(name, variables, t);
      const bool plain_string = expression.size() >= 2 && expression.front() == '"' && expression.back() == '"' &&
                                expression.find("${") == std::string::npos;
      out += plain_string ? expression.substr(1, expression.size() - 2) : "${" + expression + "}";
    }
    i = close + 1;
  }
  return out + "\"";
}

bool is_no_value(const json& v) { return v.is_object() && v.size() == 1 && v.contains("Ref") && v["Ref"] == "AWS::NoValue"; }

// Fn::If [condition, a, b]: a conditional expression.
std::string if_expression(const json& args, Translation& t) {
  if (!args.is_array() || args.size() != 3 || !args[0].is_string()) {
    t.refuse("Fn::If with malformed arguments");
    return kUntranslatable;
  }
  return "(" + condition_expression(args[0].get<std::string>()) + " ? " + hcl_expression(args[1], t) + " : " +
         hcl_expression(args[2], t) + ")";
}

// A list element Fn::If [c, x, AWS::NoValue] drops out of the list: concat of pieces.
std::string list_expression(const json& list, Translation& t) {
  std::vector<std::string> pieces, run;
  for (const json& e : list) {
    const bool conditional = e.is_object() && e.size() == 1 && e.contains("Fn::If") && e["Fn::If"].is_array() &&
                             e["Fn::If"].size() == 3 && (is_no_value(e["Fn::If"][1]) || is_no_value(e["Fn::If"][2]));
    if (!conditional) {
      run.push_back(hcl_expression(e, t));
      continue;
    }
    if (!run.empty()) pieces.push_back("[" + join(run, ", ") + "]");
    run.clear();
    const json& args = e["Fn::If"];
    const auto branch = [&](const json& b) { return is_no_value(b) ? std::string("[]") : "[" + hcl_expression(b, t) + "]"; };
    pieces.push_back("(" + condition_expression(args[0].get<std::string>()) + " ? " + branch(args[1]) + " : " +
                     branch(args[2]) + ")");
  }
  if (pieces.empty()) return "[" + join(run, ", ") + "]";
  if (!run.empty()) pieces.push_back("[" + join(run, ", ") + "]");
  return "concat(" + join(pieces, ", ") + ")";
}

std::string find_in_map(const json& args, Translation& t) {
  if (!args.is_array() || args.size() != 3 || !args[0].is_string()) {
    t.refuse("Fn::FindInMap with malformed arguments");
    return kUntranslatable;
  }
  const std::string map = args[0].get<std::string>();
  if (!t.tmpl.contains("Mappings") || !t.tmpl["Mappings"].is_object() || !t.tmpl["Mappings"].contains(map)) {
    t.refuse("Fn::FindInMap of an undefined mapping " + map);
    return kUntranslatable;
  }
  return "local.mappings[" + hcl_quote(map) + "][" + hcl_expression(args[1], t) + "][" + hcl_expression(args[2], t) + "]";
}

// Fn::Cidr [block, count, host bits]: `count` subnets with `host bits` host bits each.
std::string cidr(const json& args, Translation& t) {
  const auto a = arguments(args, 3, 3, "Fn::Cidr", t);
  if (!a) return kUntranslatable;
  const std::string& block = (*a)[0];
  return "[for i in range(" + (*a)[1] + ") : cidrsubnet(" + block + ", 32 - " + (*a)[2] + " - tonumber(split(\"/\", " +
         block + ")[1]), i)]";
}

std::string get_azs(Translation& t) {
  t.data["aws_availability_zones"]["available"] = json{{"state", "available"}};
  return "data.aws_availability_zones.available.names";
}

std::string logical_of(const json& args, const std::string& function, Translation& t) {
  if (args.is_string()) return args.get<std::string>();
  t.refuse(function + " with malformed arguments");
  return {};
}

std::string function_expression(const std::string& name, const json& args, Translation& t) {
  if (name == "Ref") {
    const std::string logical = logical_of(args, "Ref", t);
    return logical.empty() ? kUntranslatable : ref_expression(logical, t);
  }
  if (name == "Condition") {
    const std::string logical = logical_of(args, "Condition", t);
    return logical.empty() ? kUntranslatable : condition_expression(logical);
  }
  if (name == "Fn::GetAtt") return getatt(args, t);
  if (name == "Fn::Sub") return sub(args, t);
  if (name == "Fn::If") return if_expression(args, t);
  if (name == "Fn::FindInMap") return find_in_map(args, t);
  if (name == "Fn::Cidr") return cidr(args, t);
  if (name == "Fn::GetAZs") return get_azs(t);
  if (name == "Fn::Join") {
    if (!args.is_array() || args.size() != 2) return arguments(args, 2, 2, name, t), kUntranslatable;
    return "join(" + hcl_expression(args[0], t) + ", " + hcl_expression(args[1], t) + ")";
  }
  struct Call {
    const char* cfn;
    const char* pattern;  // $0, $1, … the arguments
    std::size_t arity;    // 0: one argument not in a list
  };
  static const Call calls[] = {
      {"Fn::Select", "element($1, $0)", 2},        {"Fn::Split", "split($0, $1)", 2},
      {"Fn::Equals", "($0 == $1)", 2},            {"Fn::Not", "!($0)", 1},
      {"Fn::Base64", "base64encode($0)", 0},       {"Fn::Length", "length($0)", 0},
      {"Fn::ToJsonString", "jsonencode($0)", 0},
  };
  for (const Call& c : calls) {
    if (name != c.cfn) continue;
    std::vector<std::string> a;
    if (c.arity == 0) a.push_back(hcl_expression(args, t));
    else if (auto got = arguments(args, c.arity, c.arity, name, t)) a = *got;
    else return kUntranslatable;
    std::string out;
    for (const char* p = c.pattern; *p; ++p) {
      if (*p == '$') out += a[static_cast<std::size_t>(*++p - '0')];
      else out += *p;
    }
    return out;
  }
  if (name == "Fn::And" || name == "Fn::Or") {
    const auto a = arguments(args, 1, 10, name, t);
    return a ? "(" + join(*a, name == "Fn::And" ? " && " : " || ") + ")" : kUntranslatable;
  }
  t.refuse(name);
  return kUntranslatable;
}

}  // namespace

std::string hcl_quote(const std::string& s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool template_start = (c == '$' || c == '%') && i + 1 < s.size() && s[i + 1] == '{';
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else out += c;
    if (template_start) out += c;
  }
  return out + "\"";
}

std::string template_escape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if ((s[i] == '$' || s[i] == '%') && i + 1 < s.size() && s[i + 1] == '{') out += s[i];
  }
  return out;
}

bool is_intrinsic(const json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const std::string& key = value.begin().key();
  if (key == "Ref" || key == "Condition") return value.begin()->is_string();
  return key.rfind("Fn::", 0) == 0;
}

bool holds_intrinsic(const json& value) {
  if (is_intrinsic(value)) return true;
  if (value.is_structured())
    for (const auto& e : value)
      if (holds_intrinsic(e)) return true;
  return false;
}

std::string condition_expression(const std::string& name) { return "local.condition_" + name; }

std::string hcl_expression(const json& value, Translation& t) {
  if (is_intrinsic(value)) return function_expression(value.begin().key(), *value.begin(), t);
  if (value.is_string()) return hcl_quote(value.get<std::string>());
  if (value.is_array()) return list_expression(value, t);
  if (value.is_object()) {
    std::vector<std::string> members;
    for (const auto& [k, v] : value.items()) members.push_back(hcl_quote(k) + " = " + hcl_expression(v, t));
    return "{" + join(members, ", ") + "}";
  }
  return value.dump();  // number, boolean, null
}

json terraform_value(const json& value, Translation& t) {
  if (value.is_string()) return template_escape(value.get<std::string>());
  if (is_intrinsic(value)) return "${" + hcl_expression(value, t) + "}";
  if (value.is_array()) {
    for (const json& e : value)
      if (e.is_object() && e.contains("Fn::If")) return "${" + hcl_expression(value, t) + "}";
    json out = json::array();
    for (const json& e : value) out.push_back(terraform_value(e, t));
    return out;
  }
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : value.items()) out[template_escape(k)] = terraform_value(v, t);
    return out;
  }
  return value;
}

std::string address_of(const std::string& logical, const Translation& t) {
  const auto it = t.resources.find(logical);
  return it == t.resources.end() ? logical : it->second->tf_type + "." + logical;
}

std::string attribute_expression(const std::string& tf_type, const std::string& logical, const std::string& attribute,
                                 const Translation& t) {
  if (const auto s = t.stand_ins.find(logical); tf_type.empty() && s != t.stand_ins.end())
    return apply_attribute(attribute, s->second);
  if (!t.conditional.count(logical)) return apply_attribute(attribute, tf_type + "." + logical);
  if (!attribute.empty() && attribute[0] == '=')  // an expression: over the first instance
    return "(length(" + tf_type + "." + logical + ") > 0 ? " + apply_attribute(attribute, tf_type + "." + logical + "[0]") +
           " : null)";
  return "one(" + tf_type + "." + logical + "[*]." + attribute + ")";
}

std::string ref_expression(const std::string& logical, Translation& t) {
  if (logical.rfind("AWS::", 0) == 0) return pseudo_parameter(logical, t);
  if (const auto p = t.parameter_refs.find(logical); p != t.parameter_refs.end()) return p->second;
  const auto r = t.resources.find(logical);
  if (t.unknown_type.count(logical)) return kUntranslatable;  // its type is refused already
  if (r == t.resources.end()) {
    t.refuse("Ref to undefined " + logical);
    return kUntranslatable;
  }
  if (r->second->ref.empty() || (r->second->tf_type.empty() && !t.stand_ins.count(logical))) {
    t.refuse("Ref of " + r->first + " (" + (r->second->tf_type.empty() ? "no-op type" : r->second->tf_type) + ")");
    return kUntranslatable;
  }
  return attribute_expression(r->second->tf_type, logical, r->second->ref, t);
}

std::string getatt_expression(const std::string& logical, const std::string& attribute, Translation& t) {
  const auto r = t.resources.find(logical);
  if (t.unknown_type.count(logical)) return kUntranslatable;  // its type is refused already
  if (r == t.resources.end()) {
    t.refuse("Fn::GetAtt of undefined " + logical);
    return kUntranslatable;
  }
  const auto a = r->second->attributes.find(attribute);
  if (a == r->second->attributes.end()) {
    std::string type = "?";
    for (const auto& [cfn_type, entry] : resource_table())
      if (&entry == r->second) type = cfn_type;
    t.refuse("Fn::GetAtt " + type + "." + attribute);
    return kUntranslatable;
  }
  return attribute_expression(r->second->tf_type, logical, a->second, t);
}

}  // namespace lsqm::cfn
