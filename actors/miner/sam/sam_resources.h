// The smaller SAM resource types: ::SimpleTable (a DynamoDB table with one hash key),
// ::StateMachine (a state machine and its role) and ::LayerVersion.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lsqm::sam {

// Each adds what the resource expands to into `resources`; `resource` has Globals applied.
// Throw ExpansionRefused for what the expansion does not cover.
void expand_simple_table(const std::string& id, const nlohmann::json& resource, nlohmann::json& resources);
void expand_state_machine(const std::string& id, const nlohmann::json& resource, nlohmann::json& resources);
void expand_layer_version(const std::string& id, const nlohmann::json& resource, nlohmann::json& resources);

}  // namespace lsqm::sam
