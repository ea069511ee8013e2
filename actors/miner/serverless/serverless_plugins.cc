#include "actors/miner/serverless/serverless_plugins.h"

#include <set>

#include "actors/miner/template_expansion.h"

namespace lsqm {
namespace {

// Local emulation, packaging and build helpers: the CloudFormation they deploy is the
// framework's own. (A build step's output is what lsqm packages as it stands.)
const std::set<std::string> kWithoutDeployedMeaning = {
    "serverless-offline",          "serverless-offline-sqs",         "serverless-offline-sns",
    "serverless-offline-scheduler", "serverless-offline-local-authorizers-plugin",
    "serverless-dynamodb-local",   "serverless-dynamodb",            "serverless-s3-local",
    "serverless-python-requirements", "serverless-webpack",          "serverless-esbuild",
    "serverless-plugin-typescript", "serverless-bundle",             "serverless-jetpack",
    "serverless-prune-plugin",     "serverless-plugin-include-dependencies",
    "serverless-dotenv-plugin",    "serverless-plugin-common-excludes",
    "serverless-go-build",         "serverless-rust",                
    "serverless-localstack",       "serverless-deployment-bucket",   "serverless-export-env",
    "@hewmen/serverless-plugin-typescript", "serverless-plugin-optimize", "serverless-babel-plugin",
    "serverless-pseudo-parameters"};

const std::string kPseudoParameters = "serverless-pseudo-parameters";

std::string with_sub_syntax(std::string text) {
  for (std::size_t at = text.find("#{"); at != std::string::npos; at = text.find("#{", at + 2)) text[at] = '$';
  return text;
}

// #{Name} → ${Name}: a string holding one becomes a Fn::Sub, a Fn::Sub's text is rewritten.
nlohmann::json pseudo_parameters(const nlohmann::json& node) {
  if (node.is_string()) {
    const std::string& text = node.get_ref<const std::string&>();
    if (text.find("#{") == std::string::npos) return node;
    return {{"Fn::Sub", with_sub_syntax(text)}};
  }
  if (!node.is_structured()) return node;
  if (node.is_object() && node.size() == 1 && node.contains("Fn::Sub")) {
    nlohmann::json sub = node["Fn::Sub"];
    if (sub.is_string()) sub = with_sub_syntax(sub.get<std::string>());
    else if (sub.is_array() && !sub.empty() && sub[0].is_string()) sub[0] = with_sub_syntax(sub[0].get<std::string>());
    return {{"Fn::Sub", sub}};
  }
  nlohmann::json result = node;
  for (auto& child : result) child = pseudo_parameters(child);
  return result;
}

}  // namespace

nlohmann::json apply_serverless_plugins(const std::vector<std::string>& plugins, const nlohmann::json& cloudformation) {
  for (const auto& name : plugins)
    if (name == kPseudoParameters) return pseudo_parameters(cloudformation);
  return cloudformation;
}

std::vector<std::string> serverless_plugins(const nlohmann::json& plugins) {
  if (plugins.is_null()) return {};
  const nlohmann::json& list = plugins.is_object() ? plugins.value("modules", nlohmann::json::array()) : plugins;
  if (!list.is_array()) throw ExpansionRefused("serverless plugins is not a list");
  std::vector<std::string> names;
  for (const auto& name : list) {
    if (!name.is_string()) throw ExpansionRefused("serverless plugin name is not text");
    names.push_back(name.get<std::string>());
  }
  return names;
}

void check_serverless_plugins(const std::vector<std::string>& plugins) {
  for (const auto& name : plugins)
    if (!kWithoutDeployedMeaning.count(name)) throw ExpansionRefused("serverless plugin " + name + " not honoured");
}

}  // namespace lsqm
