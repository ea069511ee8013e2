// Small CloudFormation building blocks both template expanders (SAM, Serverless Framework)
// emit the same way: intrinsic shorthands, Lambda permissions, event source mappings, event
// rules, and a REST API path tree. Pure JSON construction.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace lsqm::cfn {

using nlohmann::json;

// A one-key map {"Ref": …}, {"Condition": …} or {"Fn::…": …}: a value, not a map of settings.
bool is_intrinsic(const json& value);

json ref(std::string_view logical_id);
json get_att(std::string_view logical_id, std::string_view attribute);
json sub(std::string_view text);
// {"Type": type, "Properties": properties}
json resource(std::string_view type, json properties);

// Copies those of `names` that `from` has into `into`.
void copy_present(const json& from, json& into, std::initializer_list<const char*> names);

// A CloudFormation tag list ([{Key, Value}]) from a SAM / Serverless tag map; a list as is.
json tag_list(const json& tags);

// A logical id made of the alphanumeric characters of `text`, first letter upper-cased.
std::string alnum_id(std::string_view text);

// An IAM role document that lets `service` (e.g. "lambda.amazonaws.com") assume the role.
json assume_role_policy(std::string_view service);
// arn:aws:iam::aws:policy/service-role/<name>
json aws_service_role_policy_arn(std::string_view name);

// AWS::Lambda::Permission letting `principal` invoke `function` (a Ref/GetAtt or name).
json lambda_permission(json function, std::string_view principal, json source_arn = nullptr);

// A function URL (AWS::Lambda::Url `url_id`, `url` its properties) and, when its AuthType is
// NONE, the permission `permission_id` letting anyone invoke it, as SAM and Serverless add.
void add_function_url(json& resources, const std::string& url_id, const std::string& permission_id, json url,
                      json function);

// AWS::Lambda::EventSourceMapping from `source_arn` to `function`; `extra` properties copied.
json event_source_mapping(json function, json source_arn, const json& extra = json::object());

// The Uri API Gateway calls to invoke a Lambda function through the proxy integration.
json lambda_invocation_uri(std::string_view function_id);

// A CORS preflight answered by API Gateway itself (an OPTIONS method with a MOCK integration).
// Header values as API Gateway wants them, quoted ("'*'"); null leaves a header out;
// allow_methods null: the methods of the path, and OPTIONS.
struct CorsPreflight {
  json allow_origin = "'*'";
  json allow_headers;
  json allow_methods;
  json allow_credentials;
  json max_age;
};

// Builds AWS::ApiGateway::Resource / Method resources for paths under one RestApi, sharing
// path segments. Ids: <resource_prefix><Segments> and <method_prefix><Segments><Verb>.
class RestApiPaths {
 public:
  RestApiPaths(json& resources, std::string api_id, std::string resource_prefix,
               std::string method_prefix);
  // Adds the method (AWS_PROXY to `function_id`; `method_properties` added to its Properties,
  // e.g. ApiKeyRequired) and returns its logical id.
  std::string add_lambda_method(std::string_view path, std::string_view http_method,
                                std::string_view function_id, const json& method_properties = json::object());
  // Answers CORS preflights on `path`; the OPTIONS methods are made by add_cors_preflights.
  void enable_cors(std::string_view path, CorsPreflight cors);
  void add_cors_preflights();
  const std::vector<std::string>& method_ids() const { return method_ids_; }

 private:
  // The logical id of the resource for the first `count` segments, created when absent.
  std::string resource_for(const std::vector<std::string>& segments, std::size_t count);
  std::string unused_id(std::string id) const;
  // The resource id (a Ref or the root's GetAtt) and logical id tail of a path.
  std::pair<json, std::string> locate(std::string_view path);
  json preflight_method(const json& resource_id, const CorsPreflight& cors, const std::vector<std::string>& methods) const;
  json& resources_;
  std::string api_id_, resource_prefix_, method_prefix_;
  std::map<std::string, std::string> resource_by_path_;
  std::vector<std::string> method_ids_;
  std::map<std::string, std::vector<std::string>> methods_by_path_;
  std::map<std::string, CorsPreflight> cors_by_path_;
};

}  // namespace lsqm::cfn
