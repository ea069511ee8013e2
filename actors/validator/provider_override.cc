#include "actors/validator/provider_override.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <vector>

#include "formats/hcl.h"
#include "formats/terraform_file.h"

namespace lsqm {

namespace {

// A value for an HCL quoted string: no quote, escape, line break or template sequence of
// the value can act as syntax (a literal "$${x}" read from a unit comes back as "${x}").
std::string hcl_escape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if ((c == '$' || c == '%') && i + 1 < s.size() && s[i + 1] == '{') out += std::string(2, c);
    else out += c;
  }
  return out;
}

bool is_aws_provider(const hcl::Block& block) {
  return block.type == "provider" && block.labels.size() == 1 && block.labels[0] == "aws";
}

std::string literal_of(const hcl::Body& body, std::string_view name) {
  const auto* a = body.attribute(name);
  return a && a->literal ? *a->literal : std::string{};
}

// The settings of an aws provider block that bind a provider process to that block.
void note_provider_settings(const hcl::Block& block, std::vector<std::string>& found) {
  static const std::set<std::string> binding_blocks = {"assume_role",
                                                       "assume_role_with_web_identity", "endpoints"};
  static const std::set<std::string> binding_attrs = {
      "sts_region", "custom_ca_bundle", "http_proxy", "use_fips_endpoint", "use_dualstack_endpoint"};
  auto note = [&](const std::string& what) {
    if (std::find(found.begin(), found.end(), what) == found.end()) found.push_back(what);
  };
  for (const auto& inner : block.body.blocks)
    if (binding_blocks.count(inner.type)) note(inner.type);
  std::set<std::string> attrs;
  for (const auto& a : block.body.attributes)
    if (binding_attrs.count(a.name) || binding_blocks.count(a.name)) attrs.insert(a.name);
  for (const auto& name : attrs) note(name);
}

// The aws version constraint in required_providers (`aws = { version = "…" }`, or the
// legacy `aws = "…"`), else `previous`.
std::string aws_version_of(const hcl::Block& required, std::string previous) {
  const auto* aws = required.body.attribute("aws");
  if (!aws) return previous;
  if (aws->literal) return *aws->literal;
  auto version = aws->object_strings.find("version");
  return version == aws->object_strings.end() ? previous : version->second;
}

// Every `profile = "…"` in the file, at any depth (provider blocks, backends, objects).
void note_profiles(const hcl::Body& body, std::set<std::string>& profiles) {
  auto note = [&](const hcl::Body& b) {
    for (const auto& a : b.attributes) {
      if (a.name == "profile" && a.literal && !a.literal->empty()) profiles.insert(*a.literal);
      auto inner = a.object_strings.find("profile");
      if (inner != a.object_strings.end() && !inner->second.empty()) profiles.insert(inner->second);
    }
  };
  note(body);
  for (const auto* block : hcl::all_blocks(body)) note(block->body);
}

void note_terraform_block(const hcl::Block& block, TerraformFacts& facts) {
  for (const auto& inner : block.body.blocks) {
    if (inner.type == "backend" && inner.labels.size() == 1) facts.backend = inner.labels[0];
    else if (inner.type == "cloud") facts.backend = "cloud";
    else if (inner.type == "required_providers")
      facts.aws_version_constraint = aws_version_of(inner, facts.aws_version_constraint);
  }
}

}  // namespace

TerraformFacts scan_provider_facts(const std::map<std::string, std::string>& files) {
  TerraformFacts facts;
  std::set<std::string> profiles, aliases;
  for (const auto& [path, content] : files) {
    if (!is_terraform_config(path)) continue;
    auto file = parse_terraform_file(path, content);
    if (!file.error.empty()) {
      facts.errors.push_back(path + ": " + file.error);
      continue;
    }
    note_profiles(file.body, profiles);
    const bool root = path.find('/') == std::string::npos;
    for (const auto& block : file.body.blocks) {
      if (is_aws_provider(block) && !root) {
        ++facts.module_aws_providers;
      } else if (is_aws_provider(block)) {
        AwsProviderBlock p{literal_of(block.body, "alias"), literal_of(block.body, "region")};
        if (aliases.insert(p.alias).second) facts.aws_providers.push_back(p);
        note_provider_settings(block, facts.aws_provider_settings);
      } else if (block.type == "terraform" && root) {
        note_terraform_block(block, facts);
      } else if (block.type == "resource" && block.labels.size() == 2 &&
                 block.labels[0].rfind("aws_", 0) == 0 &&
                 (block.body.attribute("filename") || block.body.attribute("source"))) {
        facts.local_file_resources.push_back(block.labels[0] + "." + block.labels[1]);
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
