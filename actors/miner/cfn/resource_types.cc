#include "actors/miner/cfn/resource_types.h"

#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

// Types that exist only for CloudFormation's own bookkeeping: nothing to deploy.
void add_no_op_types(ResourceTable& table) {
  for (const char* type : {"AWS::CloudFormation::WaitConditionHandle", "AWS::CDK::Metadata"})
    table[type] = ResourceType{"", "", {}, [](ResourceBuilder&) {}};
}

}  // namespace

const ResourceTable& resource_table() {
  static const ResourceTable table = [] {
    ResourceTable t;
    add_no_op_types(t);
    add_s3_types(t);
    add_iam_types(t);
    add_lambda_types(t);
    add_messaging_types(t);
    add_events_types(t);
    add_apigateway_types(t);
    add_data_types(t);
    add_management_types(t);
    add_ec2_types(t);
    add_pipes_types(t);
    return t;
  }();
  return table;
}

}  // namespace lsqm::cfn
