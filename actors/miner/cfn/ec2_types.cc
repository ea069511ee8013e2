// AWS::EC2 networking and instances: VPC, Subnet, InternetGateway, VPCGatewayAttachment,
// RouteTable, Route, SubnetRouteTableAssociation, EIP, NatGateway, SecurityGroup (+ Ingress /
// Egress), Instance, KeyPair (with public key material), VPCEndpoint.
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

void vpc(ResourceBuilder& b) {
  b.copy_all({{"CidrBlock", "cidr_block"}, {"EnableDnsHostnames", "enable_dns_hostnames"},
              {"EnableDnsSupport", "enable_dns_support"}, {"InstanceTenancy", "instance_tenancy"},
              {"Ipv4IpamPoolId", "ipv4_ipam_pool_id"}, {"Ipv4NetmaskLength", "ipv4_netmask_length"}});
  b.copy_tags();
}

void subnet(ResourceBuilder& b) {
  b.copy_all({{"VpcId", "vpc_id"}, {"CidrBlock", "cidr_block"}, {"AvailabilityZone", "availability_zone"},
              {"AvailabilityZoneId", "availability_zone_id"}, {"MapPublicIpOnLaunch", "map_public_ip_on_launch"},
              {"Ipv6CidrBlock", "ipv6_cidr_block"}, {"AssignIpv6AddressOnCreation", "assign_ipv6_address_on_creation"}});
  b.copy_tags();
}

void internet_gateway(ResourceBuilder& b) { b.copy_tags(); }

void gateway_attachment(ResourceBuilder& b) {
  b.copy_all({{"InternetGatewayId", "internet_gateway_id"}, {"VpcId", "vpc_id"}});
  if (b.take("VpnGatewayId")) b.refuse("VpnGatewayId");
}

void route_table(ResourceBuilder& b) {
  b.copy("VpcId", "vpc_id");
  b.copy_tags();
}

void route(ResourceBuilder& b) {
  b.copy_all({{"RouteTableId", "route_table_id"}, {"DestinationCidrBlock", "destination_cidr_block"},
              {"DestinationIpv6CidrBlock", "destination_ipv6_cidr_block"},
              {"DestinationPrefixListId", "destination_prefix_list_id"}, {"GatewayId", "gateway_id"},
              {"NatGatewayId", "nat_gateway_id"}, {"TransitGatewayId", "transit_gateway_id"},
              {"VpcEndpointId", "vpc_endpoint_id"}, {"VpcPeeringConnectionId", "vpc_peering_connection_id"},
              {"NetworkInterfaceId", "network_interface_id"}, {"EgressOnlyInternetGatewayId", "egress_only_gateway_id"}});
}

void route_association(ResourceBuilder& b) { b.copy_all({{"SubnetId", "subnet_id"}, {"RouteTableId", "route_table_id"}}); }

void eip(ResourceBuilder& b) {
  b.copy_all({{"Domain", "domain"}, {"InstanceId", "instance"}});
  b.copy_tags();
}

void nat_gateway(ResourceBuilder& b) {
  b.copy_all({{"AllocationId", "allocation_id"}, {"SubnetId", "subnet_id"}, {"ConnectivityType", "connectivity_type"},
              {"PrivateIpAddress", "private_ip"}});
  b.copy_tags();
}

// A CloudFormation security group rule as Terraform's rule arguments: ports default to 0 for
// "all protocols", single addresses become lists.
std::optional<json> rule_arguments(ResourceBuilder& b, const json& rule, const std::string& where, bool egress) {
  auto r = b.block(rule, where,
                   {{"IpProtocol", "protocol"}, {"FromPort", "from_port"}, {"ToPort", "to_port"},
                    {"CidrIp", "cidr"}, {"CidrIpv6", "cidr6"}, {"Description", "description"},
                    {egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId", "group"},
                    {egress ? "DestinationPrefixListId" : "SourcePrefixListId", "prefix_list"},
                    {"GroupId", "security_group_id"}, {"GroupName", "group_name"},
                    {"SourceSecurityGroupOwnerId", "owner"}, {"SourceSecurityGroupName", "group_by_name"}});
  if (!r) return r;
  for (const auto& [from, to] : std::map<std::string, std::string>{
           {"cidr", "cidr_blocks"}, {"cidr6", "ipv6_cidr_blocks"}, {"prefix_list", "prefix_list_ids"}})
    if (r->contains(from)) {
      (*r)[to] = json::array({(*r)[from]});
      r->erase(from);
    }
  for (const char* unsupported : {"group_name", "owner", "group_by_name"})
    if (r->contains(unsupported)) b.refuse(where + " by group name");
  if (!r->contains("from_port")) (*r)["from_port"] = 0;
  if (!r->contains("to_port")) (*r)["to_port"] = 0;
  return r;
}

void security_group_rules(ResourceBuilder& b, const char* property, const char* block, bool egress) {
  const json* rules = b.take(property);
  if (!rules) return;
  const auto list = b.list(*rules, property);
  if (!list) return;
  b.body()[block] = json::array();
  for (const json& rule : *list) {
    auto r = rule_arguments(b, rule, property, egress);
    if (!r) continue;
    if (r->contains("group")) {
      (*r)["security_groups"] = json::array({(*r)["group"]});
      r->erase("group");
    }
    // Terraform JSON reads these blocks as attributes: every member must be given.
    for (const char* list_member : {"cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "security_groups"})
      if (!r->contains(list_member)) (*r)[list_member] = json::array();
    if (!r->contains("description")) (*r)["description"] = "";
    (*r)["self"] = false;
    b.body()[block].push_back(*r);
  }
}

void security_group(ResourceBuilder& b) {
  b.copy_all({{"GroupName", "name"}, {"GroupDescription", "description"}, {"VpcId", "vpc_id"}});
  b.copy_tags();
  security_group_rules(b, "SecurityGroupIngress", "ingress", false);
  security_group_rules(b, "SecurityGroupEgress", "egress", true);
  if (!b.body().contains("egress"))  // CloudFormation's default; Terraform would leave none
    b.body()["egress"] = json::array({{{"protocol", "-1"}, {"from_port", 0}, {"to_port", 0},
                                       {"cidr_blocks", json::array({"0.0.0.0/0"})}, {"description", ""},
                                       {"ipv6_cidr_blocks", json::array()}, {"prefix_list_ids", json::array()},
                                       {"security_groups", json::array()}, {"self", false}}});
}

void security_group_rule(ResourceBuilder& b, bool egress) {
  json rule = json::object();
  for (const char* p : {"IpProtocol", "FromPort", "ToPort", "CidrIp", "CidrIpv6", "Description", "GroupId",
                        "SourceSecurityGroupId", "SourcePrefixListId", "DestinationSecurityGroupId",
                        "DestinationPrefixListId", "GroupName", "SourceSecurityGroupOwnerId", "SourceSecurityGroupName"})
    if (const json* v = b.take(p)) rule[p] = *v;
  auto r = rule_arguments(b, rule, egress ? "SecurityGroupEgress" : "SecurityGroupIngress", egress);
  if (!r) return;
  if (r->contains("group")) {
    (*r)["source_security_group_id"] = (*r)["group"];
    r->erase("group");
  }
  (*r)["type"] = egress ? "egress" : "ingress";
  b.body().update(*r);
}

void block_devices(ResourceBuilder& b) {
  const auto list = b.take_list("BlockDeviceMappings");
  if (!list) return;
  for (const json& m : *list) {
    auto device = b.block(m, "BlockDeviceMappings", {{"DeviceName", "device_name"}, {"Ebs", "ebs"}});
    if (!device || !m.contains("Ebs")) continue;
    auto ebs = b.block(m["Ebs"], "BlockDeviceMappings.Ebs",
                       {{"VolumeSize", "volume_size"}, {"VolumeType", "volume_type"},
                        {"DeleteOnTermination", "delete_on_termination"}, {"Encrypted", "encrypted"},
                        {"Iops", "iops"}, {"KmsKeyId", "kms_key_id"}, {"SnapshotId", "snapshot_id"},
                        {"Throughput", "throughput"}});
    if (!ebs) continue;
    ebs->update({{"device_name", (*device)["device_name"]}});
    b.body()["ebs_block_device"].push_back(*ebs);
  }
}

void instance(ResourceBuilder& b) {
  b.copy_all({{"ImageId", "ami"}, {"KeyName", "key_name"}, {"SubnetId", "subnet_id"},
              {"SecurityGroupIds", "vpc_security_group_ids"}, {"SecurityGroups", "security_groups"},
              {"IamInstanceProfile", "iam_instance_profile"}, {"UserData", "user_data_base64"},
              {"AvailabilityZone", "availability_zone"}, {"PrivateIpAddress", "private_ip"},
              {"Monitoring", "monitoring"}, {"EbsOptimized", "ebs_optimized"},
              {"DisableApiTermination", "disable_api_termination"},
              {"InstanceInitiatedShutdownBehavior", "instance_initiated_shutdown_behavior"},
              {"Tenancy", "tenancy"}, {"SourceDestCheck", "source_dest_check"}});
  if (!b.copy("InstanceType", "instance_type")) b.body()["instance_type"] = "m1.small";  // CloudFormation's default
  b.copy_tags();
  block_devices(b);
  if (const json* c = b.take("CreditSpecification"))
    if (auto block = b.block(*c, "CreditSpecification", {{"CPUCredits", "cpu_credits"}}))
      b.body()["credit_specification"] = *block;
}

void key_pair(ResourceBuilder& b) {
  b.copy_all({{"KeyName", "key_name"}, {"PublicKeyMaterial", "public_key"}});
  b.copy_tags();
  b.take("KeyType");
  if (!b.body().contains("public_key")) b.refuse("KeyPair generated by AWS (no PublicKeyMaterial)");
}

void vpc_endpoint(ResourceBuilder& b) {
  b.copy_all({{"VpcId", "vpc_id"}, {"ServiceName", "service_name"}, {"VpcEndpointType", "vpc_endpoint_type"},
              {"RouteTableIds", "route_table_ids"}, {"SubnetIds", "subnet_ids"},
              {"SecurityGroupIds", "security_group_ids"}, {"PrivateDnsEnabled", "private_dns_enabled"}});
  b.copy_document("PolicyDocument", "policy");
}

}  // namespace

void add_ec2_types(ResourceTable& table) {
  table["AWS::EC2::VPC"] = {"aws_vpc", "id",
                            {{"CidrBlock", "cidr_block"}, {"DefaultSecurityGroup", "default_security_group_id"},
                             {"DefaultNetworkAcl", "default_network_acl_id"}, {"VpcId", "id"}},
                            vpc};
  table["AWS::EC2::Subnet"] = {"aws_subnet", "id",
                               {{"SubnetId", "id"}, {"AvailabilityZone", "availability_zone"}, {"VpcId", "vpc_id"},
                                {"CidrBlock", "cidr_block"}},
                               subnet};
  table["AWS::EC2::InternetGateway"] = {"aws_internet_gateway", "id", {{"InternetGatewayId", "id"}}, internet_gateway};
  table["AWS::EC2::VPCGatewayAttachment"] = {"aws_internet_gateway_attachment", "id", {}, gateway_attachment};
  table["AWS::EC2::RouteTable"] = {"aws_route_table", "id", {{"RouteTableId", "id"}}, route_table};
  table["AWS::EC2::Route"] = {"aws_route", "id", {}, route};
  table["AWS::EC2::SubnetRouteTableAssociation"] = {"aws_route_table_association", "id", {}, route_association};
  table["AWS::EC2::EIP"] = {"aws_eip", "public_ip", {{"AllocationId", "allocation_id"}, {"PublicIp", "public_ip"}}, eip};
  table["AWS::EC2::NatGateway"] = {"aws_nat_gateway", "id", {}, nat_gateway};
  table["AWS::EC2::SecurityGroup"] = {"aws_security_group", "id", {{"GroupId", "id"}, {"VpcId", "vpc_id"}},
                                      security_group};
  table["AWS::EC2::SecurityGroupIngress"] = {"aws_security_group_rule", "id", {},
                                             [](ResourceBuilder& b) { security_group_rule(b, false); }};
  table["AWS::EC2::SecurityGroupEgress"] = {"aws_security_group_rule", "id", {},
                                            [](ResourceBuilder& b) { security_group_rule(b, true); }};
  table["AWS::EC2::Instance"] = {"aws_instance", "id",
                                 {{"PublicIp", "public_ip"}, {"PrivateIp", "private_ip"}, {"PublicDnsName", "public_dns"},
                                  {"PrivateDnsName", "private_dns"}, {"AvailabilityZone", "availability_zone"},
                                  {"InstanceId", "id"}},
                                 instance};
  table["AWS::EC2::KeyPair"] = {"aws_key_pair", "key_name", {{"KeyPairId", "key_pair_id"}}, key_pair};
  table["AWS::EC2::VPCEndpoint"] = {"aws_vpc_endpoint", "id", {{"Id", "id"}}, vpc_endpoint};
}

}  // namespace lsqm::cfn
