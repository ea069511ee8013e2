// A generated pytest app for one architecture, and the generator's answer.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <caf/meta/type_name.hpp>
#include <nlohmann/json.hpp>

namespace lsqm {

struct TestApp {
  std::string arch_hash;
  std::map<std::string, std::string> files;  // conftest.py app.py test_app.py requirements.txt
  std::string generator;                     // claude | rules
  std::string model;
  std::uint64_t input_tokens = 0;
  std::uint64_t output_tokens = 0;
  std::string generated_at;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TestApp, arch_hash, files, generator, model,
                                                input_tokens, output_tokens, generated_at)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, TestApp& x) {
  return f(caf::meta::type_name("TestApp"), x.arch_hash, x.files, x.generator, x.model,
           x.input_tokens, x.output_tokens, x.generated_at);
}

// The generator either has an app (fresh or reused) or says why not.
struct GenerationOutcome {
  bool ok = false;
  bool reused = false;  // the stored app was current
  TestApp app;
  std::string skip_reason;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, GenerationOutcome& x) {
  return f(caf::meta::type_name("GenerationOutcome"), x.ok, x.reused, x.app, x.skip_reason);
}

// token-budget's answer to reserve().
struct BudgetGrant {
  std::uint64_t id = 0;
  std::uint64_t amount = 0;
  bool granted = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, BudgetGrant& x) {
  return f(caf::meta::type_name("BudgetGrant"), x.id, x.amount, x.granted);
}

struct BudgetUsage {
  std::uint64_t budget = 0;
  std::uint64_t spent = 0;     // settled
  std::uint64_t reserved = 0;  // granted, not yet settled
  std::uint64_t denied = 0;    // number of denied reservations
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BudgetUsage, budget, spent, reserved, denied)

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, BudgetUsage& x) {
  return f(caf::meta::type_name("BudgetUsage"), x.budget, x.spent, x.reserved, x.denied);
}

}  // namespace lsqm
