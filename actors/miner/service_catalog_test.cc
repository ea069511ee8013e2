#include <catch2/catch.hpp>

#include "actors/miner/config_for_test.h"

using namespace lsqm;
using lsqm::test::project_catalog;

TEST_CASE("terraform types map to services, longest prefix winning", "[miner]") {
  auto& c = project_catalog();
  CHECK(c.service_of_terraform_type("aws_s3_bucket") == "s3");
  CHECK(c.service_of_terraform_type("aws_s3control_bucket") == "s3control");
  CHECK(c.service_of_terraform_type("aws_route53_zone") == "route53");
  CHECK(c.service_of_terraform_type("aws_route_table_association") == "ec2");
  CHECK(c.service_of_terraform_type("aws_cloudwatch_log_group") == "logs");
  CHECK(c.service_of_terraform_type("aws_cloudwatch_event_rule") == "events");
  CHECK(c.service_of_terraform_type("aws_kinesis_firehose_delivery_stream") == "firehose");
  CHECK(c.service_of_terraform_type("aws_lb_target_group") == "elbv2");
  CHECK(c.service_of_terraform_type("aws_lambda_function") == "lambda");
  CHECK(c.service_of_terraform_type("aws_wafv2_web_acl") == "wafv2");
  CHECK(c.service_of_terraform_type("aws_unheard_of") == std::nullopt);
  CHECK(c.service_of_terraform_type("") == std::nullopt);
  CHECK(c.service_of_terraform_type("random_id") == std::nullopt);
}

TEST_CASE("cloudformation types map by whole namespace segments", "[miner]") {
  auto& c = project_catalog();
  CHECK(c.service_of_cloudformation_type("AWS::S3::Bucket") == "s3");
  CHECK(c.service_of_cloudformation_type("AWS::SNS::Topic") == "sns");
  CHECK(c.service_of_cloudformation_type("AWS::ApiGatewayV2::Api") == "apigatewayv2");
  CHECK(c.service_of_cloudformation_type("AWS::Serverless::Function") == "lambda");
  CHECK(c.service_of_cloudformation_type("AWS::S3Outposts::Bucket") == std::nullopt);
  CHECK(c.service_of_cloudformation_type("Custom::Thing") == std::nullopt);
}

TEST_CASE("supported services come from the named edition", "[miner]") {
  auto& c = project_catalog();
  CHECK(c.is_supported("s3"));
  CHECK(c.is_supported("sqs"));
  CHECK_FALSE(c.is_supported("eks"));
  CHECK_FALSE(c.is_supported(""));
}

TEST_CASE("malformed catalog config is a CatalogError", "[miner]") {
  using nlohmann::json;
  auto rs = json::parse(R"({"terraform": {"aws_s3_": "s3"}, "cloudformation": {}})");
  auto ss = json::parse(R"({"pro": ["s3", "eks"]})");
  CHECK_THROWS_AS(ServiceCatalog::from_json(rs, ss), CatalogError);
  auto pro = ServiceCatalog::from_json(rs, ss, "pro");
  CHECK(pro.is_supported("eks"));
  CHECK_THROWS_AS(ServiceCatalog::from_json(json::parse(R"({"terraform": []})"), ss, "pro"),
                  CatalogError);
  CHECK_THROWS_AS(
      ServiceCatalog::from_json(json::parse(R"({"terraform": {"a": 1}, "cloudformation": {}})"),
                                ss, "pro"),
      CatalogError);
}
