#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include "actors/token_budget/budget_ledger.h"
#include "actors/token_budget/token_budget_actor.h"

using namespace lsqm;

TEST_CASE("grants fit the budget and denials start once it is spent", "[budget]") {
  BudgetLedger l(100);
  auto a = l.reserve(60);
  CHECK(a.granted);
  CHECK_FALSE(l.reserve(50).granted);  // 60 reserved, 40 left
  auto b = l.reserve(40);
  CHECK(b.granted);
  CHECK_FALSE(l.reserve(0).granted);  // nothing left: even a free generator is stopped
  l.settle(a.id, 10);                 // 50 of a's reservation comes back
  CHECK(l.reserve(50).granted);
  auto u = l.usage();
  CHECK(u.spent == 10);
  CHECK(u.reserved == 90);
  CHECK(u.denied == 2);
}

TEST_CASE("settling twice or an unknown grant changes nothing", "[budget]") {
  BudgetLedger l(10);
  auto g = l.reserve(5);
  l.settle(g.id, 5);
  l.settle(g.id, 5);
  l.settle(999, 3);
  CHECK(l.usage().spent == 5);
  CHECK(l.usage().reserved == 0);
}

TEST_CASE("a zero budget denies every reservation", "[budget]") {
  BudgetLedger l(0);
  CHECK_FALSE(l.reserve(0).granted);
}

TEST_CASE("the actor answers reserve, settle and usage in order", "[budget]") {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto budget = sys.spawn(token_budget, std::uint64_t{100});
  caf::scoped_actor self{sys};
  BudgetGrant grant;
  self->request(budget, caf::infinite, reserve_atom::value, std::uint64_t{70})
      .receive([&](const BudgetGrant& g) { grant = g; }, [](caf::error&) { FAIL("no grant"); });
  CHECK(grant.granted);
  self->send(budget, settle_atom::value, grant.id, std::uint64_t{20});
  self->request(budget, caf::infinite, usage_atom::value)
      .receive([&](const BudgetUsage& u) { CHECK(u.spent == 20); CHECK(u.reserved == 0); },
               [](caf::error&) { FAIL("no usage"); });
  self->send_exit(budget, caf::exit_reason::user_shutdown);
}
