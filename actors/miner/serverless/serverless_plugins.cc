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
    "serverless-localstack",       "serverless-deployment-bucket",   "serverless-export-env"};

}  // namespace

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
