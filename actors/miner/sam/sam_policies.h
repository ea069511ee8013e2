// A SAM function's (or state machine's) `Policies`: AWS managed policy names, policy ARNs,
// inline policy documents and SAM policy templates (S3ReadPolicy, DynamoDBCrudPolicy, …),
// turned into what an AWS::IAM::Role holds.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lsqm::sam {

struct RolePolicies {
  nlohmann::json managed_policy_arns = nlohmann::json::array();
  nlohmann::json policies = nlohmann::json::array();  // AWS::IAM::Role Policies entries
};

// `policies`: a string, a document, a template or a list of them. Inline documents are named
// <role_id>Policy<index>. Throws ExpansionRefused for an unknown policy template or a template
// missing a parameter.
RolePolicies role_policies(const nlohmann::json& policies, const std::string& role_id);

// The ARN of an AWS managed policy given by name (some live under service-role/).
nlohmann::json managed_policy_arn(const std::string& name);

}  // namespace lsqm::sam
