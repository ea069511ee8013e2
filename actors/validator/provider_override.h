// What tflocal does, natively: the override file that points terraform's AWS provider at the
// emulator (without an endpoints block: AWS_ENDPOINT_URL in terraform's environment does that,
// at half the CPU), and the dummy AWS profile files for the sandbox HOME.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lsqm {

inline constexpr const char* kProviderOverrideFile = "localstack_providers_override.tf";

struct AwsProviderBlock {
  std::string alias;   // empty for the default configuration
  std::string region;  // the block's region when it is a string literal, else empty
};

// What the override needs to know about an architecture's Terraform.
struct TerraformFacts {
  std::vector<AwsProviderBlock> aws_providers;  // root-module blocks, in file order, one per alias
  std::vector<std::string> profiles;            // AWS profile names named anywhere; sorted, unique
  std::string backend;                          // root backend type ("s3", "remote", "cloud"…), or empty
  std::string aws_version_constraint;           // root required_providers aws version, or empty
  // Settings of root aws provider blocks that tie a provider process to them (assume_role,
  // endpoints, …): such an architecture needs a provider of its own. In file order, unique.
  std::vector<std::string> aws_provider_settings;
  int module_aws_providers = 0;  // provider "aws" blocks in files below the root module
  // An aws_ resource names a local file the provider reads (`filename`, `source`): a Lambda
  // zip, an S3 object. Relative to the provider's working directory, so it must be terraform's.
  std::vector<std::string> local_file_resources;  // "aws_lambda_function.f", in file order
  std::vector<std::string> errors;  // files the HCL reader refused, with the reason (left out)
};

// Read with the one HCL reader (formats/hcl.h), *.tf and *.tf.json alike.
TerraformFacts scan_provider_facts(const std::map<std::string, std::string>& files);

struct OverrideOptions {
  std::string region = "us-east-1";  // for provider blocks without a literal region
  std::string pin_aws_version;       // empty: as declared; else required_providers pins it
  // Set when terraform reattaches a shared provider (aws ≥ 4): its own HOME is not the
  // sandbox's, so the profile files are named explicitly.
  std::string aws_config_file, aws_credentials_file;
};

// The content of localstack_providers_override.tf. A non-local backend is replaced by
// `backend "local" {}` (state stays in the temp dir; nothing to pre-create in the emulator).
std::string provider_override(const TerraformFacts& facts, const OverrideOptions& options);

struct AwsProfileFiles {
  std::string config;       // ~/.aws/config
  std::string credentials;  // ~/.aws/credentials
};

// Both files declare `default` and every profile in `profiles`, with the dummy key "test".
AwsProfileFiles aws_profile_files(const std::vector<std::string>& profiles,
                                  const std::string& region);

}  // namespace lsqm
