#include "actors/miner/normalize_template.h"

#include "actors/miner/sam/sam_to_cloudformation.h"
#include "actors/miner/serverless/serverless_to_cloudformation.h"
#include "formats/yaml_document.h"

namespace lsqm {
namespace {

TemplateTranslation refused(std::string reason) {
  TemplateTranslation t;
  t.skip_reason = std::move(reason);
  return t;
}

std::string dir_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// The template as CloudFormation, or why it is not: SAM and Serverless expanded first.
Expansion as_cloudformation(TemplateKind kind, const nlohmann::json& doc, const TemplateFiles& files,
                            const NormalizeOptions& o) {
  switch (kind) {
    case TemplateKind::sam: return sam_to_cloudformation(doc, files);
    case TemplateKind::serverless: {
      ServerlessOptions so;
      so.region = o.region;
      so.stage = o.stage;
      so.files = files;
      return serverless_to_cloudformation(doc, so);
    }
    case TemplateKind::cloudformation: return {doc, "", {}};
    case TemplateKind::cdk: return {nullptr, "needs cdk synth", {}};
    case TemplateKind::none: break;
  }
  return {nullptr, "not a template", {}};
}

// An expansion's refusal under one cause per kind ("not expanded (sam): Function property X
// not translated"), so status and the report count them together; needs and malformed
// templates keep their own causes.
std::string expansion_refusal(TemplateKind kind, const std::string& reason) {
  if (reason.rfind("needs ", 0) == 0 || reason.rfind("malformed ", 0) == 0) return reason;
  return std::string("not expanded (") + (kind == TemplateKind::sam ? "sam" : "serverless") +
         "): " + reason;
}

}  // namespace

TemplateTranslation normalize_template(TemplateKind kind,
                                       const std::map<std::string, std::string>& unit_files,
                                       const std::string& template_path,
                                       const NormalizeOptions& options) {
  if (kind == TemplateKind::cdk) return refused("needs cdk synth");
  auto text = unit_files.find(template_path);
  if (text == unit_files.end())
    return refused(unit_files.count(template_path + ".b64") ? "template is not UTF-8 text"
                                                            : "template not among the unit's files");
  nlohmann::json doc;
  try {
    doc = read_yaml_document(text->second);
  } catch (const std::exception& e) {
    return refused(std::string("malformed template: ") + e.what());
  }
  const TemplateFiles files{&unit_files, dir_of(template_path)};
  Expansion cfn = as_cloudformation(kind, doc, files, options);
  if (!cfn.skip_reason.empty()) return refused(expansion_refusal(kind, cfn.skip_reason));
  TranslateOptions translate;
  translate.region = options.region;
  return cloudformation_to_terraform(cfn.cloudformation, unit_files, files.template_dir, translate);
}

}  // namespace lsqm
