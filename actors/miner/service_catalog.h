// Which AWS service a resource type uses, and which services the emulator supports.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace lsqm {

struct CatalogError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ServiceCatalog {
 public:
  ServiceCatalog() = default;

  // `resource_services`: config/resource_services.json ({"terraform": {prefix: service},
  // "cloudformation": {namespace: service}}). `supported_services`:
  // config/supported_services.json; `edition` names the list to use. Keys starting with '_'
  // are comments. Throws CatalogError when a section is missing or not of the right shape.
  static ServiceCatalog from_json(const nlohmann::json& resource_services,
                                  const nlohmann::json& supported_services,
                                  const std::string& edition = "localstack-community");

  // Longest matching prefix wins ("aws_route53_zone" is route53, not ec2's "aws_route").
  std::optional<std::string> service_of_terraform_type(const std::string& type) const;
  // "AWS::S3::Bucket" → s3 (by "AWS::S3"); the longest matching namespace wins
  // ("AWS::Serverless::Function" before a bare "AWS::Serverless").
  std::optional<std::string> service_of_cloudformation_type(const std::string& type) const;
  bool is_supported(const std::string& service) const;

  const std::set<std::string>& supported_services() const { return supported_; }

 private:
  std::map<std::string, std::string> terraform_;
  std::map<std::string, std::string> cloudformation_;
  std::set<std::string> supported_;
};

}  // namespace lsqm
