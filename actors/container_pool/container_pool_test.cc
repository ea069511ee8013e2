// The pool with real child processes: a tiny HTTP server stands in for an emulator.
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include <filesystem>

#include "actors/container_pool/container_pool_actor.h"

using namespace lsqm;
namespace fs = std::filesystem;

namespace {

PoolSettings http_server_pool(int slots, const fs::path& dir) {
  PoolSettings s;
  s.slots = slots;
  s.emulator.command = "/usr/bin/python3 -m http.server {port} --bind 127.0.0.1";
  s.emulator.ready_path = "/";
  s.emulator.log_dir = dir / "logs";
  s.emulator.record_dir = dir / "records";
  s.ready_timeout = std::chrono::seconds(20);
  return s;
}

Slot acquire(caf::scoped_actor& self, const container_pool_actor& pool) {
  Slot slot;
  self->request(pool, caf::infinite, acquire_atom::value)
      .receive([&](const Slot& s) { slot = s; }, [](caf::error&) { FAIL("acquire failed"); });
  return slot;
}

PoolStats stats(caf::scoped_actor& self, const container_pool_actor& pool) {
  PoolStats out;
  self->request(pool, caf::infinite, stats_atom::value)
      .receive([&](const PoolStats& s) { out = s; }, [](caf::error&) { FAIL("no stats"); });
  return out;
}

}  // namespace

TEST_CASE("acquire waits for a free slot and never runs more emulators than slots", "[pool]") {
  auto dir = fs::temp_directory_path() / ("lsqm-pool-" + std::to_string(::getpid()));
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto pool = sys.spawn<caf::detached>(container_pool, http_server_pool(2, dir));
  caf::scoped_actor self{sys};

  auto a = acquire(self, pool);
  auto b = acquire(self, pool);
  REQUIRE(a.ok);
  REQUIRE(b.ok);
  CHECK(a.port != b.port);
  CHECK(std::distance(fs::directory_iterator(dir / "records"), fs::directory_iterator{}) == 2);

  // A third acquire is parked until a release.
  bool third_answered = false;
  Slot c;
  self->send(pool, acquire_atom::value);  // the answer comes back as a plain message
  self->receive([&](const Slot& s) { third_answered = true; c = s; },
                caf::after(std::chrono::milliseconds(500)) >> [] {});
  CHECK_FALSE(third_answered);
  self->send(pool, release_atom::value, a);
  self->receive([&](const Slot& s) { third_answered = true; c = s; });
  CHECK(third_answered);
  CHECK(c.ok);
  CHECK(c.port == a.port);  // the slot keeps its port

  self->send(pool, release_atom::value, b);
  self->send(pool, release_atom::value, c);
  auto st = stats(self, pool);
  CHECK(st.peak_alive == 2);
  CHECK(st.alive == 0);
  CHECK(st.started == 3);
  CHECK(fs::is_empty(dir / "records"));
  self->send_exit(pool, caf::exit_reason::user_shutdown);
  fs::remove_all(dir);
}

TEST_CASE("an emulator that never becomes ready or dies yields a failed slot with its output",
          "[pool]") {
  auto dir = fs::temp_directory_path() / ("lsqm-pool-bad-" + std::to_string(::getpid()));
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};

  auto settings = http_server_pool(1, dir);
  settings.emulator.command = "/bin/sh -c echo${IFS}never-ready;sleep${IFS}60 {port}";
  settings.ready_timeout = std::chrono::milliseconds(800);
  auto hung = sys.spawn<caf::detached>(container_pool, settings);
  auto slot = acquire(self, hung);
  CHECK_FALSE(slot.ok);
  CHECK_THAT(slot.error, Catch::Contains("not ready"));
  CHECK_THAT(slot.logs, Catch::Contains("never-ready"));
  self->send(hung, release_atom::value, slot);
  CHECK(stats(self, hung).alive == 0);

  settings.emulator.command = "/bin/sh -c echo${IFS}boom;exit${IFS}3 {port}";
  auto dying = sys.spawn<caf::detached>(container_pool, settings);
  slot = acquire(self, dying);
  CHECK_FALSE(slot.ok);
  CHECK_THAT(slot.error, Catch::Contains("exited"));
  CHECK_THAT(slot.logs, Catch::Contains("boom"));

  settings.emulator.command = "/nonexistent/emulator {port}";
  auto missing = sys.spawn<caf::detached>(container_pool, settings);
  slot = acquire(self, missing);
  CHECK_FALSE(slot.ok);
  self->send_exit(hung, caf::exit_reason::user_shutdown);
  self->send_exit(dying, caf::exit_reason::user_shutdown);
  self->send_exit(missing, caf::exit_reason::user_shutdown);
  fs::remove_all(dir);
}
