// CloudFormation values (literals and intrinsic functions) as Terraform: an HCL expression, or
// a Terraform JSON value (literal strings escaped as templates, intrinsics as "${…}").
// What cannot be translated is recorded in the Translation, and a placeholder is returned.
#pragma once

#include <string>

#include "actors/miner/cfn/translation.h"

namespace lsqm::cfn {

// `s` as an HCL quoted string: escapes, and `${` / `%{` kept literal.
std::string hcl_quote(const std::string& s);
// `s` as a literal in a Terraform JSON string (a template): `${` → `$${`, `%{` → `%%{`.
std::string template_escape(const std::string& s);

// True for {"Ref": "x"}, {"Condition": "x"} and single-key {"Fn::…": …} objects.
bool is_intrinsic(const json& value);
// True when `value` holds an intrinsic anywhere.
bool holds_intrinsic(const json& value);

// The HCL expression of a CloudFormation value.
std::string hcl_expression(const json& value, Translation& t);
// The Terraform JSON of a CloudFormation value: literals as they are, intrinsics "${…}".
json terraform_value(const json& value, Translation& t);

// The expression of `Ref logical` / `Fn::GetAtt [logical, attribute]`.
std::string ref_expression(const std::string& logical, Translation& t);
std::string getatt_expression(const std::string& logical, const std::string& attribute, Translation& t);

// The Terraform address of a resource's primary block, "aws_x.Logical".
std::string address_of(const std::string& logical, const Translation& t);
// An attribute of the resource `logical` ("aws_x.L.arn", or one(aws_x.L[*].arn) when it has
// a Condition, so a count of 0 reads as null).
std::string attribute_expression(const std::string& tf_type, const std::string& logical, const std::string& attribute,
                                 const Translation& t);

// The local holding condition `name`: "local.condition_<name>".
std::string condition_expression(const std::string& name);

}  // namespace lsqm::cfn
