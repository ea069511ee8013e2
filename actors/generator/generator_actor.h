// generator: a test app per architecture: the stored one when it is current, otherwise a new
// one (rule-based for now) paid for through token-budget, syntax-checked before it is saved.
#pragma once

#include <filesystem>
#include <optional>

#include <caf/typed_event_based_actor.hpp>

#include "messages/interfaces.h"

namespace lsqm {

struct GeneratorSettings {
  std::filesystem::path app_store;  // apps/ in the artifact repository's working clone
  std::string python = "/usr/bin/python3";
  std::string region = "us-east-1";
  bool dry_run = false;
};

struct generator_state {
  // Not an aggregate: CAF would otherwise try to build the state from the actor pointer.
  generator_state() = default;
  token_budget_actor budget;
  GeneratorSettings settings;
  static inline const char* name = "generator";
};

// The stored app for `hash` when it was made by the current rule-based generator.
std::optional<TestApp> load_current_app(const std::filesystem::path& app_store,
                                        const std::string& hash);

// Spawn detached: the syntax check runs python.
generator_actor::behavior_type generator(generator_actor::stateful_pointer<generator_state> self,
                                         token_budget_actor budget, GeneratorSettings settings);

}  // namespace lsqm
