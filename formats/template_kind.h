// Which files of a source tree are infrastructure templates lsqm normalizes to Terraform, and of
// which kind: decided from the file's name and its parsed content (formats/yaml_document.h),
// never from the name alone, so CI configs, docker-compose files, OpenAPI bodies, buildspecs,
// samconfig and package.json are not units.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lsqm {

enum class TemplateKind {
  none,            // not a template
  cloudformation,  // AWSTemplateFormatVersion, or a Resources map with an AWS:: type
  sam,             // Transform AWS::Serverless-2016-10-31, alone or in a list
  serverless,      // serverless.yml / serverless.yaml with provider.name aws
  cdk,             // a CDK app (cdk.json): deployable only once synthesized
};

// "cloudformation", "sam", "serverless", "cdk" (Architecture::source_kind); "" for none.
std::string template_kind_name(TemplateKind kind);

// True when the file's name allows it to be a template, so it is worth reading: YAML, JSON or
// *.template, and none of the files known to be something else (package.json, tsconfig.json,
// samconfig.*, buildspec.yml, docker-compose.yml, CI configs, Terraform JSON, …). `path` may
// hold directories; only its last component counts.
bool may_be_template(std::string_view path);

// True for names only templates carry (template.yaml, *.template.json, serverless.yml, …): such
// a file that does not read is a unit with a reason, not silently nothing.
bool named_like_template(std::string_view path);

// The kind a file named like this would have, were it readable: serverless for
// serverless.yml / serverless.yaml, else cloudformation.
TemplateKind kind_by_name(std::string_view path);

// True for cdk.json, the file that makes its directory a CDK app.
bool is_cdk_app_file(std::string_view path);

// The kind of a parsed document (`doc`, as read_yaml_document gives it) found at `path`.
TemplateKind template_kind(std::string_view path, const nlohmann::json& doc);

}  // namespace lsqm
