#include "actors/validator/provider_override.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

namespace lsqm {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string hcl_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

struct BlockRef {
  std::string header;  // text before '{', trimmed (e.g. `provider "aws"`)
  std::size_t open = 0, close = 0;
};

// Matching '}' for the '{' at `open` in masked text (npos when unbalanced).
std::size_t matching_close(const std::string& m, std::size_t open, std::size_t end) {
  int depth = 0;
  for (std::size_t i = open; i < end; ++i) {
    if (m[i] == '{') ++depth;
    if (m[i] == '}' && --depth == 0) return i;
  }
  return std::string::npos;
}

// Blocks (and object values) directly inside [begin, end) of masked text.
std::vector<BlockRef> child_blocks(const std::string& m, std::size_t begin, std::size_t end) {
  std::vector<BlockRef> out;
  std::size_t line_start = begin;
  for (std::size_t i = begin; i < end; ++i) {
    if (m[i] == '\n') line_start = i + 1;
    if (m[i] != '{') continue;
    auto close = matching_close(m, i, end);
    if (close == std::string::npos) break;
    out.push_back({trim(m.substr(line_start, i - line_start)), i, close});
    i = close;
    line_start = close + 1;
  }
  return out;
}

// The attributes written directly in a block body (nested blocks left out): name -> raw value.
std::map<std::string, std::string> attributes(const std::string& m, const BlockRef& b) {
  std::string flat = m.substr(b.open + 1, b.close - b.open - 1);
  for (auto& nested : child_blocks(flat, 0, flat.size()))
    for (std::size_t i = nested.open; i <= nested.close; ++i)
      if (flat[i] != '\n') flat[i] = ' ';
  std::map<std::string, std::string> out;
  static const std::regex attr(R"re(^\s*([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*$)re");
  std::istringstream lines(flat);
  std::smatch match;
  for (std::string line; std::getline(lines, line);)
    if (std::regex_match(line, match, attr)) out[match[1]] = match[2];
  return out;
}

// The literal content of a "quoted" value without interpolation, else empty.
std::string string_literal(const std::string& value) {
  static const std::regex lit(R"re(^"([^"$\\]*)"$)re");
  std::smatch m;
  return std::regex_match(value, m, lit) ? m[1].str() : std::string{};
}

// The settings of an aws provider block that bind a provider process to that block.
void note_provider_settings(const std::string& m, const BlockRef& block,
                            const std::map<std::string, std::string>& attrs,
                            std::vector<std::string>& found) {
  static const std::set<std::string> binding_blocks = {"assume_role",
                                                       "assume_role_with_web_identity", "endpoints"};
  static const std::set<std::string> binding_attrs = {
      "sts_region", "custom_ca_bundle", "http_proxy", "use_fips_endpoint", "use_dualstack_endpoint"};
  auto note = [&](const std::string& what) {
    if (std::find(found.begin(), found.end(), what) == found.end()) found.push_back(what);
  };
  for (const auto& inner : child_blocks(m, block.open + 1, block.close)) {
    auto name = trim(inner.header.substr(0, inner.header.find('=')));
    if (binding_blocks.count(name)) note(name);
  }
  for (const auto& [name, value] : attrs)
    if (binding_attrs.count(name)) note(name);
}

// The version constraint of `aws = { … }` inside required_providers (else `previous`).
std::string aws_version_of(const std::string& m, const BlockRef& required, std::string previous) {
  static const std::regex version_re(R"re(\bversion\s*=\s*"([^"]*)")re");
  for (const auto& entry : child_blocks(m, required.open + 1, required.close)) {
    if (trim(entry.header.substr(0, entry.header.find('='))) != "aws") continue;
    std::string body = m.substr(entry.open + 1, entry.close - entry.open - 1);
    std::smatch vm;
    if (std::regex_search(body, vm, version_re)) return vm[1];
  }
  return previous;
}

bool root_tf_file(const std::string& path) {
  return path.find('/') == std::string::npos && path.size() > 3 &&
         path.compare(path.size() - 3, 3, ".tf") == 0;
}

bool tf_file(const std::string& path) {
  return path.size() > 3 && path.compare(path.size() - 3, 3, ".tf") == 0;
}

}  // namespace

std::string mask_hcl(const std::string& src) {
  enum class Mode { code, string, interp };
  std::string m = src;
  std::vector<Mode> stack{Mode::code};
  std::vector<int> interp_depth;  // brace depth inside each open ${ … }
  const std::size_t n = src.size();
  auto blank = [&](std::size_t i) {
    if (m[i] != '\n') m[i] = ' ';
  };
  for (std::size_t i = 0; i < n; ++i) {
    const char c = src[i];
    const Mode mode = stack.back();
    if (mode == Mode::string) {
      if (c == '\\' && i + 1 < n) {
        ++i;
      } else if (c == '"') {
        stack.pop_back();
      } else if ((c == '$' || c == '%') && i + 1 < n && src[i + 1] == '{') {
        blank(i);
        blank(++i);
        stack.push_back(Mode::interp);
        interp_depth.push_back(0);
      } else if (c == '{' || c == '}' || c == '#') {
        blank(i);
      }
      continue;
    }
    // code or interpolation
    if (c == '"') {
      stack.push_back(Mode::string);
    } else if (c == '#' || (c == '/' && i + 1 < n && src[i + 1] == '/')) {
      while (i < n && src[i] != '\n') blank(i++);
      if (i < n) --i;
    } else if (c == '/' && i + 1 < n && src[i + 1] == '*') {
      auto end = src.find("*/", i + 2);
      end = end == std::string::npos ? n : end + 2;
      for (; i < end; ++i) blank(i);
      --i;
    } else if (c == '<' && i + 1 < n && src[i + 1] == '<' && mode == Mode::code) {
      // heredoc: <<EOF or <<-EOF up to a line holding only the marker
      std::size_t j = i + 2;
      if (j < n && src[j] == '-') ++j;
      std::size_t id_start = j;
      while (j < n && ident_char(src[j])) ++j;
      if (j == id_start) continue;
      const std::string marker = src.substr(id_start, j - id_start);
      std::size_t line = src.find('\n', j);
      while (line != std::string::npos) {
        std::size_t next = src.find('\n', line + 1);
        std::string content =
            src.substr(line + 1, (next == std::string::npos ? n : next) - line - 1);
        for (std::size_t k = line + 1; k < (next == std::string::npos ? n : next); ++k)
          if (m[k] == '{' || m[k] == '}' || m[k] == '#') m[k] = ' ';
        if (trim(content) == marker) break;
        line = next;
      }
      i = line == std::string::npos ? n : src.find('\n', line + 1);
      if (i == std::string::npos) i = n;
      --i;
    } else if (mode == Mode::interp && c == '{') {
      ++interp_depth.back();
      blank(i);
    } else if (mode == Mode::interp && c == '}') {
      blank(i);
      if (interp_depth.back()-- == 0) {
        interp_depth.pop_back();
        stack.pop_back();
      }
    }
  }
  return m;
}

TerraformFacts scan_provider_facts(const std::map<std::string, std::string>& files) {
  TerraformFacts facts;
  std::set<std::string> profiles, aliases;
  static const std::regex profile_re(R"re(\bprofile\s*=\s*"([^"$\\]+)\")re");
  static const std::regex provider_re(R"re(^provider\s+"?aws"?$)re");
  static const std::regex backend_re(R"re(^backend\s+"?([\w-]+)"?$)re");
  for (const auto& [path, content] : files) {
    if (!tf_file(path)) continue;
    const std::string m = mask_hcl(content);
    for (std::sregex_iterator it(m.begin(), m.end(), profile_re), end; it != end; ++it)
      profiles.insert((*it)[1]);
    if (!root_tf_file(path)) {
      for (const auto& block : child_blocks(m, 0, m.size()))
        facts.module_aws_providers += std::regex_match(block.header, provider_re) ? 1 : 0;
      continue;
    }
    for (const auto& block : child_blocks(m, 0, m.size())) {
      if (std::regex_match(block.header, provider_re)) {
        auto attrs = attributes(m, block);
        AwsProviderBlock p{string_literal(attrs["alias"]), string_literal(attrs["region"])};
        if (aliases.insert(p.alias).second) facts.aws_providers.push_back(p);
        note_provider_settings(m, block, attrs, facts.aws_provider_settings);
      } else if (block.header == "terraform") {
        for (const auto& inner : child_blocks(m, block.open + 1, block.close)) {
          std::smatch bm;
          if (std::regex_match(inner.header, bm, backend_re))
            facts.backend = bm[1];
          else if (inner.header == "cloud")
            facts.backend = "cloud";
          else if (inner.header == "required_providers")
            facts.aws_version_constraint = aws_version_of(m, inner, facts.aws_version_constraint);
        }
      }
    }
  }
  facts.profiles.assign(profiles.begin(), profiles.end());
  return facts;
}

std::string provider_override(const TerraformFacts& facts, const OverrideOptions& options) {
  std::vector<AwsProviderBlock> blocks = facts.aws_providers;
  if (std::none_of(blocks.begin(), blocks.end(), [](auto& b) { return b.alias.empty(); }))
    blocks.insert(blocks.begin(), AwsProviderBlock{});
  std::ostringstream out;
  out << "# Written by lsqm: point the AWS provider at the emulator (AWS_ENDPOINT_URL).\n";
  for (const auto& b : blocks) {
    out << "provider \"aws\" {\n";
    if (!b.alias.empty()) out << "  alias                       = \"" << hcl_escape(b.alias) << "\"\n";
    out << "  access_key                  = \"test\"\n"
        << "  secret_key                  = \"test\"\n"
        << "  region                      = \""
        << hcl_escape(b.region.empty() ? options.region : b.region) << "\"\n"
        << "  skip_credentials_validation = true\n"
        << "  skip_metadata_api_check     = true\n"
        << "  skip_requesting_account_id  = true\n"
        << "  s3_use_path_style           = true\n"
        << "  max_retries                 = 2\n";
    if (!options.aws_config_file.empty())
      out << "  shared_config_files         = [\"" << hcl_escape(options.aws_config_file) << "\"]\n"
          << "  shared_credentials_files    = [\"" << hcl_escape(options.aws_credentials_file)
          << "\"]\n";
    out << "}\n\n";
  }
  const bool replace_backend = !facts.backend.empty() && facts.backend != "local";
  if (replace_backend || !options.pin_aws_version.empty()) {
    out << "terraform {\n";
    if (replace_backend) out << "  backend \"local\" {}\n";
    if (!options.pin_aws_version.empty())
      out << "  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n"
          << "      version = \"" << hcl_escape(options.pin_aws_version) << "\"\n    }\n  }\n";
    out << "}\n";
  }
  return out.str();
}

AwsProfileFiles aws_profile_files(const std::vector<std::string>& profiles,
                                  const std::string& region) {
  std::set<std::string> names(profiles.begin(), profiles.end());
  names.insert("default");
  AwsProfileFiles files;
  for (const auto& name : names) {
    files.config += (name == "default" ? "[default]" : "[profile " + name + "]") +
                    "\nregion = " + region + "\noutput = json\n\n";
    files.credentials +=
        "[" + name + "]\naws_access_key_id = test\naws_secret_access_key = test\n\n";
  }
  return files;
}

}  // namespace lsqm
