#include "actors/miner/terraform_scan.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace lsqm {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// What one pass over a unit collects before it is sorted into a TerraformScan.
struct Collected {
  std::set<std::string> resource_types, data_types, provider_names, provisioners;
  std::map<std::string, std::string> provider_type_of;  // local name → type (required_providers)
  int resource_count = 0;
  std::vector<ModuleCall> modules;
  std::vector<std::string> errors;
};

// The text between the brace at `open` and its match (strings skipped, roughly).
std::string block_body(const std::string& text, std::size_t open) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"' || c == '\n') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return text.substr(open + 1, i - open - 1);
    }
  }
  return text.substr(open + 1);
}

// "hashicorp/aws" and "registry.terraform.io/hashicorp/aws" are both of type "aws".
std::string type_from_source(const std::string& source) {
  auto slash = source.rfind('/');
  return slash == std::string::npos ? source : source.substr(slash + 1);
}

void scan_required_providers(const std::string& body, Collected& c) {
  static const std::regex entry(R"re(([A-Za-z0-9_-]+)\s*=\s*\{([^{}]*)\})re");
  static const std::regex source(R"re(source\s*=\s*"([^"]+)")re");
  static const std::regex legacy(R"re(([A-Za-z0-9_-]+)\s*=\s*")re");
  std::string rest;
  auto last = body.cbegin();
  for (std::sregex_iterator it(body.begin(), body.end(), entry), end; it != end; ++it) {
    auto name = (*it)[1].str();
    std::smatch m;
    auto inner = (*it)[2].str();
    c.provider_names.insert(name);
    if (std::regex_search(inner, m, source)) c.provider_type_of[name] = type_from_source(m[1]);
    rest.append(last, (*it)[0].first);
    last = (*it)[0].second;
  }
  rest.append(last, body.cend());
  // Terraform 0.12 style: `aws = "~> 3.0"`.
  for (std::sregex_iterator it(rest.begin(), rest.end(), legacy), end; it != end; ++it)
    c.provider_names.insert((*it)[1].str());
}

void scan_hcl(const std::string& raw, Collected& c) {
  static const std::regex resource_or_data(
      R"re(^\s*(resource|data)\s+"?([A-Za-z0-9_-]+)"?\s+"?[A-Za-z0-9_-]+"?)re");
  static const std::regex provider(R"re(^\s*provider\s+"?([A-Za-z0-9_-]+)"?\s*\{)re");
  static const std::regex module(R"re(^\s*module\s+"?([A-Za-z0-9_-]+)"?\s*\{)re");
  static const std::regex provisioner(R"re(\bprovisioner\s+"?([A-Za-z0-9_-]+)"?\s*\{)re");
  static const std::regex required(R"re(\brequired_providers\s*\{)re");
  static const std::regex source(R"re((?:^|\n)\s*source\s*=\s*"([^"]*)")re");
  auto text = strip_hcl_comments(raw);

  std::size_t line_start = 0;
  while (line_start < text.size()) {
    auto line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    std::string line = text.substr(line_start, line_end - line_start);
    std::smatch m;
    if (std::regex_search(line, m, resource_or_data)) {
      if (m[1] == "resource") c.resource_types.insert(m[2]), ++c.resource_count;
      else c.data_types.insert(m[2]);
    } else if (std::regex_search(line, m, provider)) {
      c.provider_names.insert(m[1]);
    } else if (std::regex_search(line, m, module)) {
      auto open = line_start + static_cast<std::size_t>(m.position(0) + m.length(0)) - 1;
      auto body = block_body(text, open);
      std::smatch s;
      ModuleCall call{m[1], "", false};
      if (std::regex_search(body, s, source)) call.source = s[1];
      c.modules.push_back(call);
    }
    for (std::sregex_iterator it(line.begin(), line.end(), provisioner), end; it != end; ++it)
      c.provisioners.insert((*it)[1].str());
    line_start = line_end + 1;
  }
  for (std::sregex_iterator it(text.begin(), text.end(), required), end; it != end; ++it)
    scan_required_providers(block_body(text, it->position(0) + it->length(0) - 1), c);
}

// Terraform's JSON syntax lets a block be an object or an array of objects.
template <class F>
void for_each_object(const nlohmann::json& j, F&& f) {
  if (j.is_object()) f(j);
  else if (j.is_array())
    for (auto& e : j)
      if (e.is_object()) f(e);
}

void scan_json(const std::string& raw, const std::string& path, Collected& c) {
  auto j = nlohmann::json::parse(raw, nullptr, false);
  if (!j.is_object()) {
    c.errors.push_back(path + ": not a Terraform JSON object");
    return;
  }
  using nlohmann::json;
  for_each_object(j.value("resource", json()), [&](const json& types) {
    for (auto& [type, named] : types.items()) {
      c.resource_types.insert(type);
      for_each_object(named, [&](const json& by_name) {
        for (auto& [name, body] : by_name.items()) {
          ++c.resource_count;
          for_each_object(body, [&](const json& b) {
            for_each_object(b.value("provisioner", json()), [&](const json& p) {
              for (auto& [kind, _] : p.items()) c.provisioners.insert(kind);
            });
          });
        }
      });
    }
  });
  for_each_object(j.value("data", json()), [&](const json& types) {
    for (auto& [type, _] : types.items()) c.data_types.insert(type);
  });
  for_each_object(j.value("provider", json()), [&](const json& p) {
    for (auto& [name, _] : p.items()) c.provider_names.insert(name);
  });
  for_each_object(j.value("module", json()), [&](const json& m) {
    for (auto& [name, body] : m.items()) {
      ModuleCall call{name, "", false};
      if (body.is_object() && body.contains("source") && body["source"].is_string())
        call.source = body["source"];
      c.modules.push_back(call);
    }
  });
  for_each_object(j.value("terraform", json()), [&](const json& t) {
    for_each_object(t.value("required_providers", json()), [&](const json& rp) {
      for (auto& [name, spec] : rp.items()) {
        c.provider_names.insert(name);
        if (spec.is_object() && spec.contains("source") && spec["source"].is_string())
          c.provider_type_of[name] = type_from_source(spec["source"].get<std::string>());
      }
    });
  });
}

std::string parent_dir(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// "a/b/" + "../c" → "a/c/"; empty when it leaves the unit.
std::optional<std::string> resolve_local(const std::string& dir, const std::string& source) {
  std::vector<std::string> parts;
  std::stringstream ss(dir + source);
  for (std::string part; std::getline(ss, part, '/');) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string out;
  for (auto& p : parts) out += p + "/";
  return out;
}

bool is_local_source(const std::string& s) {
  return s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0;
}

}  // namespace

std::string strip_hcl_comments(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  enum { CODE, STRING, LINE_COMMENT, BLOCK_COMMENT, HEREDOC } state = CODE;
  int interpolation = 0;
  std::string heredoc_tag;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    char next = i + 1 < in.size() ? in[i + 1] : '\0';
    switch (state) {
      case CODE:
        if (c == '"') state = STRING, interpolation = 0, out += c;
        else if (c == '#') state = LINE_COMMENT;
        else if (c == '/' && next == '/') state = LINE_COMMENT, ++i;
        else if (c == '/' && next == '*') state = BLOCK_COMMENT, ++i, out += ' ';
        else if (c == '<' && next == '<') {
          // `<<EOF` or `<<-EOF` at the end of a line opens a heredoc.
          std::size_t j = i + 2;
          if (j < in.size() && in[j] == '-') ++j;
          std::size_t tag_start = j;
          while (j < in.size() && is_ident_char(in[j])) ++j;
          std::size_t eol = in.find('\n', j);
          auto tail = trim(in.substr(j, (eol == std::string_view::npos ? in.size() : eol) - j));
          if (j > tag_start && tail.empty()) {
            heredoc_tag = std::string(in.substr(tag_start, j - tag_start));
            out.append(in.substr(i, j - i));
            state = HEREDOC;
            i = (eol == std::string_view::npos ? in.size() : eol) - 1;
          } else {
            out += c;
          }
        } else out += c;
        break;
      case STRING:
        out += c;
        if (c == '\n') state = CODE;  // strings never span lines: recover from a stray quote
        else if (c == '\\' && next != '\n' && next != '\0') out += next, ++i;
        else if ((c == '$' || c == '%') && next == '{') out += next, ++i, ++interpolation;
        else if (c == '}' && interpolation > 0) --interpolation;
        else if (c == '"' && interpolation == 0) state = CODE;
        break;
      case LINE_COMMENT:
        if (c == '\n') state = CODE, out += c;
        break;
      case BLOCK_COMMENT:
        if (c == '*' && next == '/') state = CODE, ++i;
        else if (c == '\n') out += c;
        break;
      case HEREDOC: {
        // `c` is the newline before a body line: keep it, blank the line unless it closes.
        out += '\n';
        std::size_t eol = in.find('\n', i + 1);
        if (eol == std::string_view::npos) eol = in.size();
        if (trim(in.substr(i + 1, eol - i - 1)) == heredoc_tag) {
          out.append(in.substr(i + 1, eol - i - 1));
          state = CODE;
        }
        i = eol - 1;
        break;
      }
    }
  }
  return out;
}

TerraformScan scan_terraform(const std::map<std::string, std::string>& files) {
  Collected c;
  std::set<std::string> scanned_dirs;
  std::deque<std::string> dirs{""};
  while (!dirs.empty()) {
    auto dir = dirs.front();
    dirs.pop_front();
    if (!scanned_dirs.insert(dir).second) continue;
    std::size_t modules_before = c.modules.size();
    for (auto& [path, content] : files) {
      if (parent_dir(path) != dir) continue;
      if (ends_with(path, ".tf")) scan_hcl(content, c);
      else if (ends_with(path, ".tf.json")) scan_json(content, path, c);
    }
    for (std::size_t k = modules_before; k < c.modules.size(); ++k) {
      auto& call = c.modules[k];
      if (!is_local_source(call.source)) continue;
      auto target = resolve_local(dir, call.source);
      if (!target) continue;
      bool has_files = std::any_of(files.begin(), files.end(),
                                   [&](auto& f) { return parent_dir(f.first) == *target; });
      if (!has_files) continue;
      call.scanned = true;
      dirs.push_back(*target);
    }
  }

  TerraformScan scan;
  scan.resource_types.assign(c.resource_types.begin(), c.resource_types.end());
  scan.data_types.assign(c.data_types.begin(), c.data_types.end());
  scan.resource_count = c.resource_count;
  scan.provisioners.assign(c.provisioners.begin(), c.provisioners.end());
  scan.uses_external_data = c.data_types.count("external") > 0;
  scan.modules = std::move(c.modules);
  scan.errors = std::move(c.errors);
  // A resource or data type names its provider's local name before the first '_'.
  auto names = c.provider_names;
  for (auto* types : {&c.resource_types, &c.data_types})
    for (auto& t : *types) names.insert(t.substr(0, t.find('_')));
  std::set<std::string> providers;
  for (auto& n : names) {
    auto it = c.provider_type_of.find(n);
    auto type = it == c.provider_type_of.end() ? n : it->second;
    if (type != "terraform" && !type.empty()) providers.insert(type);
  }
  scan.providers.assign(providers.begin(), providers.end());
  return scan;
}

}  // namespace lsqm
