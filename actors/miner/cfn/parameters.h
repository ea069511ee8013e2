// CloudFormation Parameters → Terraform variables (snake_case names, defaults kept), and which
// of them would still lack a value by the inputs rules (formats/terraform_inputs.h).
#pragma once

#include <string>

#include "actors/miner/cfn/translation.h"

namespace lsqm::cfn {

// "BucketName" → "bucket_name", "VPCId" → "vpc_id", "DBInstance2Class" → "db_instance2_class".
std::string snake_case(const std::string& name);

// The `variable` blocks; fills t.variables and t.parameter_refs (SSM-typed parameters read
// their value through a data source). A parameter without a default takes its first
// AllowedValues entry; one naming an existing AWS resource (AWS::EC2::KeyPair::KeyName, …)
// without a default needs input.
json translate_parameters(Translation& t);

// The parameters `main_tf_json` leaves without a value, comma-separated ("" when none).
std::string missing_inputs(const std::string& main_tf_json, const Translation& t);

}  // namespace lsqm::cfn
