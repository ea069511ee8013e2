// AWS::Serverless::Api and ::HttpApi (explicit, or the implicit ServerlessRestApi /
// ServerlessHttpApi that Api / HttpApi events create) expanded as the SAM transform does: the
// API, its stage and deployment, and one method or route per function event.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/miner/sam/sam_events.h"

namespace lsqm::sam {

// What `!Ref <Api>.Stage` / `!Ref <Api>.Deployment` stand for (SAM's property references).
struct ApiReferables {
  std::string stage_id;
  std::string deployment_id;  // empty for an HTTP API (its stage deploys itself)
};

// `properties`: the API's properties with Globals applied ({} for an implicit API).
// Throws ExpansionRefused for a property the expansion does not cover (Auth authorizers,
// DefinitionUri, Domain, …).
ApiReferables expand_rest_api(const std::string& api_id, const nlohmann::json& properties,
                     const std::vector<ApiRoute>& routes, nlohmann::json& resources);
ApiReferables expand_http_api(const std::string& api_id, const nlohmann::json& properties,
                     const std::vector<ApiRoute>& routes, nlohmann::json& resources);

}  // namespace lsqm::sam
