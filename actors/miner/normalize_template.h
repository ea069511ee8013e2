// The one way a template unit becomes Terraform: read the template (YAML or JSON), expand SAM or
// Serverless Framework to CloudFormation (actors/miner/sam, actors/miner/serverless), translate
// CloudFormation to Terraform (actors/miner/cfn). Pure.
#pragma once

#include <map>
#include <string>

#include "actors/miner/cfn/cloudformation_to_terraform.h"
#include "formats/template_kind.h"

namespace lsqm {

struct NormalizeOptions {
  std::string region = "us-east-1";  // where it is validated: SAM/Serverless resolve to it
  std::string stage;  // a Serverless `--stage`; empty: the service's provider.stage, else dev
};

// `unit_files`: the unit's files (read_unit_files of the template's directory); `template_path`:
// the template among them. Never throws for what the files hold: a template that does not read,
// a CDK app, an expansion or translation refused, each is a skip_reason.
TemplateTranslation normalize_template(TemplateKind kind,
                                       const std::map<std::string, std::string>& unit_files,
                                       const std::string& template_path,
                                       const NormalizeOptions& options = {});

}  // namespace lsqm
