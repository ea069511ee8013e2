// Values for a root module's variables that have no default: what can be known honestly
// (the region, values from tfvars files beside the unit, a unique name); the rest is missing.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lsqm {

struct InputPlan {
  std::map<std::string, std::string> values;  // variable → HCL value text for lsqm.auto.tfvars
  std::vector<std::string> provided;          // set by terraform.tfvars / *.auto.tfvars (terraform reads them)
  std::vector<std::string> missing;           // nothing honest to give: the unit needs input
};

// A short name unique per architecture: "lsqm-" and the hash's first 8 hex digits.
std::string input_name_value(const std::string& arch_hash);

// The plan for the variables declared in the files of `root_dir` ("" or "examples/a"):
// values of terraform.tfvars(.json) / *.auto.tfvars(.json) count as provided; a *.tfvars.example beside
// them gives its value; region-like names (region, aws_region, *_region) get `region`;
// name-like string variables (name, *_name, prefix, project, environment, stage) without a
// validation rule get `name_value`; anything else is missing. Unreadable files give nothing.
InputPlan plan_inputs(const std::map<std::string, std::string>& files, const std::string& root_dir,
                      const std::string& region, const std::string& name_value);

// The plan's values as a tfvars file, one `name = value` a line, sorted.
std::string input_tfvars(const InputPlan& plan);

}  // namespace lsqm
