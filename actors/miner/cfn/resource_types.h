// The CloudFormation resource types translated, each with its Terraform type, what Ref and
// Fn::GetAtt give, and the small function that writes its Terraform.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace lsqm::cfn {

class ResourceBuilder;

struct ResourceType {
  std::string tf_type;  // empty: a no-op in Terraform (WaitConditionHandle, CDK metadata)
  // The attribute Ref gives ("id", "arn", …); empty when Ref is not translated. An attribute
  // starting with '=' is an HCL expression in which '@' stands for the resource's address.
  std::string ref;
  std::map<std::string, std::string> attributes;  // Fn::GetAtt name → attribute, as `ref`
  std::function<void(ResourceBuilder&)> translate;
  // For a type with no block of its own (tf_type empty) that stands for another resource:
  // the property whose Ref names it (AWS::Lambda::Version → its function's published version).
  std::string stands_in_for = {};
};

using ResourceTable = std::map<std::string, ResourceType>;  // CloudFormation type → translator

const ResourceTable& resource_table();

// Each service's translators (one file per service).
void add_s3_types(ResourceTable& table);
void add_iam_types(ResourceTable& table);
void add_lambda_types(ResourceTable& table);
void add_messaging_types(ResourceTable& table);   // SQS, SNS
void add_events_types(ResourceTable& table);      // EventBridge, Scheduler
void add_apigateway_types(ResourceTable& table);  // REST and HTTP APIs
void add_data_types(ResourceTable& table);        // DynamoDB, Kinesis, Firehose
void add_management_types(ResourceTable& table);
void add_ec2_types(ResourceTable& table);
void add_pipes_types(ResourceTable& table);       // EventBridge Pipes         // VPC networking, security groups, instances  // Logs, KMS, SSM, Secrets Manager, CloudWatch, Step Functions

}  // namespace lsqm::cfn
