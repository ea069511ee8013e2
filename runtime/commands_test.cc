#include "runtime/commands.h"

#include <catch2/catch.hpp>

#include <set>

TEST_CASE("one command table names every subcommand and says which only read", "[cli]") {
  std::vector<std::string_view> table, cli;
  std::set<std::string_view> readers;
  for (auto& c : lsqm::command_list()) {
    table.push_back(c.name);
    if (!c.writes) readers.insert(c.name);
  }
  for (auto& s : lsqm::subcommands()) cli.push_back(s.name);
  CHECK(table == cli);
  CHECK(readers == std::set<std::string_view>{"status", "compare", "report", "notify"});
}
