#include "actors/miner/cfn_fragments.h"

#include <algorithm>
#include <cctype>

namespace lsqm::cfn {

// is_intrinsic is defined once, with the translator's intrinsics (actors/miner/cfn/intrinsics.cc).

json ref(std::string_view logical_id) { return {{"Ref", logical_id}}; }

json get_att(std::string_view logical_id, std::string_view attribute) {
  return {{"Fn::GetAtt", json::array({logical_id, attribute})}};
}

json sub(std::string_view text) { return {{"Fn::Sub", text}}; }

json resource(std::string_view type, json properties) {
  return {{"Type", type}, {"Properties", std::move(properties)}};
}

void copy_present(const json& from, json& into, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (from.contains(name)) into[name] = from[name];
}

json tag_list(const json& tags) {
  if (!tags.is_object()) return tags;
  json list = json::array();
  for (const auto& [key, value] : tags.items()) list.push_back({{"Key", key}, {"Value", value}});
  return list;
}

std::string alnum_id(std::string_view text) {
  std::string id;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) id += c;
  if (!id.empty()) id[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(id[0])));
  return id;
}

json assume_role_policy(std::string_view service) {
  return {{"Version", "2012-10-17"},
          {"Statement", json::array({{{"Effect", "Allow"},
                                      {"Principal", {{"Service", json::array({service})}}},
                                      {"Action", json::array({"sts:AssumeRole"})}}})}};
}

json aws_service_role_policy_arn(std::string_view name) {
  return "arn:aws:iam::aws:policy/service-role/" + std::string(name);
}

json lambda_permission(json function, std::string_view principal, json source_arn) {
  json properties = {{"Action", "lambda:InvokeFunction"},
                     {"FunctionName", std::move(function)},
                     {"Principal", principal}};
  if (!source_arn.is_null()) properties["SourceArn"] = std::move(source_arn);
  return resource("AWS::Lambda::Permission", std::move(properties));
}

void add_function_url(json& resources, const std::string& url_id, const std::string& permission_id, json url,
                      json function) {
  bool public_url = url["AuthType"] == "NONE";
  resources[url_id] = resource("AWS::Lambda::Url", std::move(url));
  if (!public_url) return;
  json permission = lambda_permission(std::move(function), "*");
  permission["Properties"]["Action"] = "lambda:InvokeFunctionUrl";
  permission["Properties"]["FunctionUrlAuthType"] = "NONE";
  resources[permission_id] = std::move(permission);
}

json event_source_mapping(json function, json source_arn, const json& extra) {
  json properties = extra;
  properties["FunctionName"] = std::move(function);
  properties["EventSourceArn"] = std::move(source_arn);
  return resource("AWS::Lambda::EventSourceMapping", std::move(properties));
}

json lambda_invocation_uri(std::string_view function_id) {
  return sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${" +
             std::string(function_id) + ".Arn}/invocations");
}

namespace {

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> segments;
  std::string current;
  for (char c : path) {
    if (c != '/') {
      current += c;
      continue;
    }
    if (!current.empty()) segments.push_back(current);
    current.clear();
  }
  if (!current.empty()) segments.push_back(current);
  return segments;
}

// "{id}" → "IdVar", "{proxy+}" → "ProxyVar": the path parameter stays distinguishable.
std::string segment_id(const std::string& segment) {
  std::string id = alnum_id(segment);
  if (!segment.empty() && segment.front() == '{') id += "Var";
  return id;
}

std::string verb_id(std::string_view method) {
  std::string verb;
  for (char c : method) verb += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return alnum_id(verb);
}

}  // namespace

RestApiPaths::RestApiPaths(json& resources, std::string api_id, std::string resource_prefix,
                           std::string method_prefix)
    : resources_(resources),
      api_id_(std::move(api_id)),
      resource_prefix_(std::move(resource_prefix)),
      method_prefix_(std::move(method_prefix)) {}

std::string RestApiPaths::unused_id(std::string id) const {
  if (!resources_.contains(id)) return id;
  for (int n = 2;; ++n)
    if (!resources_.contains(id + std::to_string(n))) return id + std::to_string(n);
}

std::string RestApiPaths::resource_for(const std::vector<std::string>& segments, std::size_t count) {
  std::string path, id_tail;
  for (std::size_t i = 0; i < count; ++i) {
    path += "/" + segments[i];
    id_tail += segment_id(segments[i]);
  }
  if (auto known = resource_by_path_.find(path); known != resource_by_path_.end()) return known->second;
  json parent = count == 1 ? get_att(api_id_, "RootResourceId") : cfn::ref(resource_for(segments, count - 1));
  std::string id = unused_id(resource_prefix_ + id_tail);
  resources_[id] = resource("AWS::ApiGateway::Resource", {{"RestApiId", cfn::ref(api_id_)},
                                                          {"ParentId", std::move(parent)},
                                                          {"PathPart", segments[count - 1]}});
  resource_by_path_[path] = id;
  return id;
}

std::pair<json, std::string> RestApiPaths::locate(std::string_view path) {
  std::vector<std::string> segments = path_segments(path);
  json resource_id = segments.empty() ? get_att(api_id_, "RootResourceId")
                                      : cfn::ref(resource_for(segments, segments.size()));
  std::string id_tail;
  for (const auto& segment : segments) id_tail += segment_id(segment);
  return {std::move(resource_id), id_tail};
}

namespace {

std::string canonical_path(std::string_view path) {
  std::string canonical;
  for (const auto& segment : path_segments(path)) canonical += "/" + segment;
  return canonical.empty() ? "/" : canonical;
}

}  // namespace

std::string RestApiPaths::add_lambda_method(std::string_view path, std::string_view http_method,
                                            std::string_view function_id, const json& method_properties) {
  auto [resource_id, id_tail] = locate(path);
  std::string verb;
  for (char c : http_method) verb += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string id = unused_id(method_prefix_ + id_tail + verb_id(verb));
  json method = resource("AWS::ApiGateway::Method",
                         {{"RestApiId", cfn::ref(api_id_)},
                          {"ResourceId", std::move(resource_id)},
                          {"HttpMethod", verb},
                          {"AuthorizationType", "NONE"},
                          {"Integration",
                           {{"Type", "AWS_PROXY"},
                            {"IntegrationHttpMethod", "POST"},
                            {"Uri", lambda_invocation_uri(function_id)}}}});
  for (const auto& [key, value] : method_properties.items()) method["Properties"][key] = value;
  resources_[id] = std::move(method);
  method_ids_.push_back(id);
  methods_by_path_[canonical_path(path)].push_back(verb);
  return id;
}

void RestApiPaths::enable_cors(std::string_view path, CorsPreflight cors) {
  cors_by_path_[canonical_path(path)] = std::move(cors);
}

json RestApiPaths::preflight_method(const json& resource_id, const CorsPreflight& cors,
                                    const std::vector<std::string>& methods) const {
  json allow_methods = cors.allow_methods;
  if (allow_methods.is_null()) {
    std::string list;
    for (const auto& method : methods) list += method + ",";
    allow_methods = "'" + list + "OPTIONS'";
  }
  const std::string header = "method.response.header.Access-Control-Allow-";
  json values = {{header + "Origin", cors.allow_origin}, {header + "Methods", allow_methods}};
  if (!cors.allow_headers.is_null()) values[header + "Headers"] = cors.allow_headers;
  if (!cors.allow_credentials.is_null()) values[header + "Credentials"] = cors.allow_credentials;
  if (!cors.max_age.is_null()) values["method.response.header.Access-Control-Max-Age"] = cors.max_age;
  json declared = json::object();
  for (const auto& [name, value] : values.items()) declared[name] = true;
  return resource("AWS::ApiGateway::Method",
                  {{"RestApiId", cfn::ref(api_id_)},
                   {"ResourceId", resource_id},
                   {"HttpMethod", "OPTIONS"},
                   {"AuthorizationType", "NONE"},
                   {"Integration",
                    {{"Type", "MOCK"},
                     {"RequestTemplates", {{"application/json", "{\"statusCode\": 200}"}}},
                     {"IntegrationResponses", json::array({{{"StatusCode", "200"}, {"ResponseParameters", values}}})}}},
                   {"MethodResponses", json::array({{{"StatusCode", "200"}, {"ResponseParameters", declared}}})}});
}

void RestApiPaths::add_cors_preflights() {
  for (const auto& [path, cors] : cors_by_path_) {
    const std::vector<std::string>& methods = methods_by_path_[path];
    if (std::find(methods.begin(), methods.end(), "OPTIONS") != methods.end()) continue;
    auto [resource_id, id_tail] = locate(path);
    std::string id = unused_id(method_prefix_ + id_tail + "Options");
    resources_[id] = preflight_method(resource_id, cors, methods);
    method_ids_.push_back(id);
  }
  cors_by_path_.clear();
}

}  // namespace lsqm::cfn
