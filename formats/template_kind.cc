#include "formats/template_kind.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace lsqm {
namespace {

constexpr std::string_view kSamTransform = "AWS::Serverless-2016-10-31";

// The last path component, lowercased (names are compared as Windows-made repositories spell them).
std::string file_name(std::string_view path) {
  auto slash = path.find_last_of('/');
  std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

bool ends_with_any(const std::string& name, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view s) { return name.ends_with(s); });
}

bool starts_with_any(const std::string& name, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return name.starts_with(p); });
}

// Files with a template's extension that are known to be something else.
bool known_other_file(const std::string& name) {
  static const std::array<std::string_view, 19> exact = {
      "package.json",        "package-lock.json",      "composer.json",
      "cdk.json",            "cdk.context.json",       ".gitlab-ci.yml",
      "azure-pipelines.yml", "bitbucket-pipelines.yml", "appveyor.yml",
      "codecov.yml",         "mkdocs.yml",             ".pre-commit-config.yaml",
      "pubspec.yaml",        "environment.yml",        "serverless.json",
      "tree.json",           "manifest.json",          "launch.json",
      "settings.json"};
  if (std::find(exact.begin(), exact.end(), name) != exact.end()) return true;
  return starts_with_any(name, {"tsconfig", "samconfig", "buildspec", "docker-compose",
                                "compose.", "openapi", "swagger", "appspec", ".eslintrc",
                                ".prettierrc"}) ||
         ends_with_any(name, {".tf.json", ".tfvars.json", ".asl.json", ".schema.json"});
}

bool is_serverless_config_name(const std::string& name) {
  return name == "serverless.yml" || name == "serverless.yaml";
}

bool names_sam_transform(const nlohmann::json& transform) {
  if (transform.is_string()) return transform.get<std::string>() == kSamTransform;
  if (!transform.is_array()) return false;
  return std::any_of(transform.begin(), transform.end(), [](const nlohmann::json& t) {
    return t.is_string() && t.get<std::string>() == kSamTransform;
  });
}

bool declares_aws_resource(const nlohmann::json& resources) {
  if (!resources.is_object()) return false;
  return std::any_of(resources.begin(), resources.end(), [](const nlohmann::json& r) {
    if (!r.is_object()) return false;
    auto type = r.find("Type");
    return type != r.end() && type->is_string() &&
           type->get<std::string>().starts_with("AWS::");
  });
}

bool serverless_on_aws(const nlohmann::json& doc) {
  auto provider = doc.find("provider");
  if (provider == doc.end()) return false;
  if (provider->is_string()) return provider->get<std::string>() == "aws";
  if (!provider->is_object()) return false;
  auto name = provider->find("name");
  return name != provider->end() && name->is_string() && name->get<std::string>() == "aws";
}

}  // namespace

std::string template_kind_name(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::cloudformation: return "cloudformation";
    case TemplateKind::sam: return "sam";
    case TemplateKind::serverless: return "serverless";
    case TemplateKind::cdk: return "cdk";
    case TemplateKind::none: break;
  }
  return "";
}

bool may_be_template(std::string_view path) {
  auto name = file_name(path);
  if (is_serverless_config_name(name)) return true;
  if (!ends_with_any(name, {".yaml", ".yml", ".json", ".template"})) return false;
  return !known_other_file(name);
}

bool named_like_template(std::string_view path) {
  auto name = file_name(path);
  return is_serverless_config_name(name) || name.starts_with("template.") ||
         ends_with_any(name, {".template", ".template.json", ".template.yaml",
                              ".template.yml", ".cfn.yaml", ".cfn.yml", ".cfn.json"});
}

TemplateKind kind_by_name(std::string_view path) {
  return is_serverless_config_name(file_name(path)) ? TemplateKind::serverless
                                                    : TemplateKind::cloudformation;
}

bool is_cdk_app_file(std::string_view path) { return file_name(path) == "cdk.json"; }

TemplateKind template_kind(std::string_view path, const nlohmann::json& doc) {
  if (!doc.is_object()) return TemplateKind::none;
  if (is_serverless_config_name(file_name(path)))
    return serverless_on_aws(doc) ? TemplateKind::serverless : TemplateKind::none;
  const bool has_resources = doc.contains("Resources") && doc["Resources"].is_object();
  if (doc.contains("Transform") && names_sam_transform(doc["Transform"]) && has_resources)
    return TemplateKind::sam;
  if (doc.contains("AWSTemplateFormatVersion")) return TemplateKind::cloudformation;
  if (has_resources && declares_aws_resource(doc["Resources"])) return TemplateKind::cloudformation;
  return TemplateKind::none;
}

}  // namespace lsqm
