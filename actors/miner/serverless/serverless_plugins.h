// The plugins a serverless.yml lists, and whether expansion can honour their meaning: plugins
// that only run locally or package code change nothing deployed; any other changes the
// deployment in ways the expansion does not reproduce.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lsqm {

// `plugins`: a list of names, or {"modules": [...]} (the long form). Throws ExpansionRefused
// for a malformed list.
std::vector<std::string> serverless_plugins(const nlohmann::json& plugins);

// Throws ExpansionRefused naming the first plugin whose meaning expansion cannot honour.
void check_serverless_plugins(const std::vector<std::string>& plugins);

// What the plugins that change the template do to it, done to `cloudformation`:
// serverless-pseudo-parameters turns #{AWS::Region} / #{Resource} in strings into Fn::Sub.
nlohmann::json apply_serverless_plugins(const std::vector<std::string>& plugins, const nlohmann::json& cloudformation);

}  // namespace lsqm
