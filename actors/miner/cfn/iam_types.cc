// AWS::IAM::Role / Policy / ManagedPolicy / InstanceProfile / RolePolicy. Terraform attaches
// policies in resources of their own: one per role, user or group named.
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

// One resource per element of a literal list property: the first index as `suffix0`.
template <class F>
void for_each_listed(ResourceBuilder& b, const std::string& property, F&& f) {
  const json* v = b.take(property);
  if (!v) return;
  const auto items = b.list(*v, property);
  if (!items) return;
  for (std::size_t i = 0; i < items->size(); ++i) f((*items)[i], i);
}

void inline_policies(ResourceBuilder& b) {
  for_each_listed(b, "Policies", [&](const json& p, std::size_t i) {
    if (!p.is_object() || !p.contains("PolicyName") || !p.contains("PolicyDocument"))
      return b.refuse("Policies (computed)");
    b.extra("aws_iam_role_policy", "policy" + std::to_string(i)) = {
        {"name", b.value(p["PolicyName"])}, {"role", b.self("id")}, {"policy", b.document(p["PolicyDocument"])}};
  });
}

void role(ResourceBuilder& b) {
  b.copy("RoleName", "name");
  b.copy_document("AssumeRolePolicyDocument", "assume_role_policy");
  b.copy_all({{"Description", "description"}, {"MaxSessionDuration", "max_session_duration"}, {"Path", "path"},
              {"PermissionsBoundary", "permissions_boundary"}});
  b.copy_tags();
  for_each_listed(b, "ManagedPolicyArns", [&](const json& arn, std::size_t i) {
    b.extra("aws_iam_role_policy_attachment", "managed" + std::to_string(i)) = {{"role", b.self("name")},
                                                                                {"policy_arn", b.value(arn)}};
  });
  inline_policies(b);
}

// The roles, users and groups a policy names, each given `make(kind, principal)`.
template <class F>
void attach(ResourceBuilder& b, F&& make) {
  for (const char* kind : {"Roles", "Users", "Groups"})
    for_each_listed(b, kind, [&](const json& principal, std::size_t i) { make(std::string(kind), principal, i); });
}

// AWS::IAM::Policy: an inline policy put on each role, user and group named.
void policy(ResourceBuilder& b) {
  const json* name = b.take("PolicyName");
  const json* document = b.take("PolicyDocument");
  if (!name || !document) return b.refuse("Policy without PolicyName or PolicyDocument");
  bool primary_used = false;
  attach(b, [&](const std::string& kind, const json& principal, std::size_t i) {
    const std::string singular = kind == "Roles" ? "role" : kind == "Users" ? "user" : "group";
    json body = {{"name", b.value(*name)}, {singular, b.value(principal)}, {"policy", b.document(*document)}};
    if (kind == "Roles" && !primary_used) {
      primary_used = true;
      for (auto& [k, v] : body.items()) b.body()[k] = v;
      return;
    }
    b.extra("aws_iam_" + singular + "_policy", singular + std::to_string(i)) = body;
  });
  if (!primary_used) b.refuse("Policy without Roles");
}

void managed_policy(ResourceBuilder& b) {
  b.copy("ManagedPolicyName", "name");
  b.copy_all({{"Description", "description"}, {"Path", "path"}});
  b.copy_document("PolicyDocument", "policy");
  attach(b, [&](const std::string& kind, const json& principal, std::size_t i) {
    const std::string singular = kind == "Roles" ? "role" : kind == "Users" ? "user" : "group";
    b.extra("aws_iam_" + singular + "_policy_attachment", singular + std::to_string(i)) = {
        {singular, b.value(principal)}, {"policy_arn", b.self("arn")}};
  });
}

void instance_profile(ResourceBuilder& b) {
  b.copy_all({{"InstanceProfileName", "name"}, {"Path", "path"}});
  const json* roles = b.take("Roles");
  if (!roles || !roles->is_array() || roles->size() != 1) return b.refuse("Roles (not one role)");
  b.body()["role"] = b.value((*roles)[0]);
}

void role_policy(ResourceBuilder& b) {
  b.copy_all({{"PolicyName", "name"}, {"RoleName", "role"}});
  b.copy_document("PolicyDocument", "policy");
}

}  // namespace

void add_iam_types(ResourceTable& table) {
  table["AWS::IAM::Role"] = {"aws_iam_role", "name", {{"Arn", "arn"}, {"RoleId", "unique_id"}}, role};
  table["AWS::IAM::Policy"] = {"aws_iam_role_policy", "id", {}, policy};
  table["AWS::IAM::ManagedPolicy"] = {"aws_iam_policy", "arn", {{"PolicyArn", "arn"}}, managed_policy};
  table["AWS::IAM::InstanceProfile"] = {"aws_iam_instance_profile", "name", {{"Arn", "arn"}}, instance_profile};
  table["AWS::IAM::RolePolicy"] = {"aws_iam_role_policy", "id", {}, role_policy};
}

}  // namespace lsqm::cfn
