// SAM (Transform: AWS::Serverless-2016-10-31) expanded to plain CloudFormation, as the SAM
// transform would, with the logical ids it gives (<Fn>Role, <Fn><Event>Permission,
// ServerlessRestApi, ServerlessHttpApi, …) so a template's own Outputs keep resolving.
#pragma once

#include <nlohmann/json.hpp>

#include "actors/miner/template_expansion.h"
#include "actors/miner/template_files.h"

namespace lsqm {

// `sam_template`: the template in long form (formats/yaml_document). `files`: the unit's files,
// for documents the template names by local path (AWS::Include, a StateMachine's or an API's
// DefinitionUri), which are inlined. Never throws: a template or part of one the expansion
// does not cover is a skip_reason naming it.
Expansion sam_to_cloudformation(const nlohmann::json& sam_template, const TemplateFiles& files = {});

}  // namespace lsqm
