// The events of Serverless Framework functions (http, httpApi, sqs, sns, s3, schedule, stream,
// eventBridge) expanded to the CloudFormation the framework deploys for them, with its logical
// ids (ApiGatewayRestApi, HttpApi, <Fn>EventSourceMappingSQS<Queue>, SNSTopic<Name>,
// S3Bucket<Name>, <Fn>EventsRuleSchedule<N>, …).
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "actors/miner/cfn_fragments.h"

namespace lsqm::serverless {

struct FunctionIds {
  std::string key;          // the name under `functions`
  std::string normalized;   // serverless' normalized name (hello-world → HelloDashworld)
  std::string logical_id;   // <normalized>LambdaFunction
};

class ServiceEvents {
 public:
  // `service_name`: for API names; `provider`: the resolved provider section (httpApi.cors,
  // endpointType).
  ServiceEvents(nlohmann::json& resources, std::string service_name, std::string stage, const nlohmann::json& provider);

  // Throws ExpansionRefused for an event kind or option the expansion does not cover.
  void add(const FunctionIds& function, const nlohmann::json& event);

  // The APIs events asked for (REST API deployment and stage, HTTP API stage) and their URL
  // outputs, into `outputs`.
  void finish(nlohmann::json& outputs);

  // IAM statements the execution role needs for the event sources (queues, streams).
  const nlohmann::json& role_statements() const { return role_statements_; }

 private:
  void http(const FunctionIds& function, const nlohmann::json& event);
  void http_api(const FunctionIds& function, const nlohmann::json& event);
  void sqs(const FunctionIds& function, const nlohmann::json& event);
  void stream(const FunctionIds& function, const nlohmann::json& event);
  void sns(const FunctionIds& function, const nlohmann::json& event);
  void s3(const FunctionIds& function, const nlohmann::json& event);
  void schedule(const FunctionIds& function, const nlohmann::json& event);
  void event_bridge(const FunctionIds& function, const nlohmann::json& event);
  void add_resource(const std::string& id, nlohmann::json resource);
  void add_statement(nlohmann::json actions, const nlohmann::json& resource);
  int next_index(const std::string& counter);

  nlohmann::json& resources_;
  std::string service_name_, stage_;
  const nlohmann::json& provider_;
  std::unique_ptr<cfn::RestApiPaths> rest_paths_;
  bool http_api_used_ = false;
  nlohmann::json role_statements_ = nlohmann::json::array();
  std::map<std::string, int> counters_;
};

}  // namespace lsqm::serverless
