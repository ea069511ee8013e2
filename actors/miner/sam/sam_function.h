// AWS::Serverless::Function expanded as the SAM transform does: the AWS::Lambda::Function
// <Id>, its execution role <Id>Role when none is given (basic execution, Policies, what its
// events need), the resources of its Events, and <Id>Version / <Id>Alias<Name> for
// AutoPublishAlias.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "actors/miner/sam/sam_events.h"

namespace lsqm::sam {

// `resource`: the template's resource (Properties with Globals applied, Condition, DependsOn).
// Adds to `resources`; API routes are left in `events` for sam_api. Throws ExpansionRefused.
void expand_function(const std::string& id, const nlohmann::json& resource, nlohmann::json& resources,
                     FunctionEvents& events);

// The Code of a Lambda function or Content of a layer from a SAM CodeUri / ContentUri: a local
// path stays a string (the `aws cloudformation package` convention), an S3 location becomes
// S3Bucket / S3Key.
nlohmann::json code_location(const nlohmann::json& uri, const std::string& what);

}  // namespace lsqm::sam
