// The pool with real child processes: a tiny HTTP server stands in for an emulator.
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "actors/container_pool/container_pool_actor.h"
#include "tests/test_support.h"

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

namespace {

// Slots' providers from a stand-in for `terraform-provider-aws -debug` (a script `body`).
ProviderServerSpec fake_provider(const fs::path& dir, const std::string& body) {
  auto exe = dir / "bin" / "terraform-provider-aws_v9.9.9_x5";
  fs::create_directories(exe.parent_path());
  std::ofstream(exe) << "#!/bin/sh\n" << body;
  fs::permissions(exe, fs::perms::owner_all);
  return {{exe, "9.9.9"}, dir / "providers", dir / "logs", dir / "records"};
}

}  // namespace

TEST_CASE("each slot keeps one provider bound to its port, started without our environment",
          "[pool]") {
  lsqm::testing::TempDir dir("pool-provider");
  ::setenv("AWS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt", 1);
  auto settings = http_server_pool(1, dir.path);
  // It prints what its environment says, so the test sees where it points and what it got.
  settings.provider = fake_provider(
      dir.path, "echo \"TF_REATTACH_PROVIDERS='{\\\"endpoint\\\":\\\"$AWS_ENDPOINT_URL\\\","
                "\\\"ca\\\":\\\"${AWS_CA_BUNDLE:-none}\\\",\\\"pid\\\":$$}'\"\nexec sleep 60\n");
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto pool = sys.spawn<caf::detached>(container_pool, settings);

  auto first = acquire(self, pool);
  ::unsetenv("AWS_CA_BUNDLE");
  REQUIRE(first.ok);
  CHECK_THAT(first.provider_reattach, Catch::Contains("\"endpoint\":\"" + first.endpoint + "\"") &&
                                          Catch::Contains("\"ca\":\"none\""));
  CHECK(first.provider_version == "9.9.9");
  self->send(pool, release_atom::value, first);
  auto second = acquire(self, pool);
  CHECK(second.provider_reattach == first.provider_reattach);  // the same process, still up
  self->send(pool, release_atom::value, second);
  CHECK(stats(self, pool).alive == 0);  // emulators stop on release; the provider stays

  self->send_exit(pool, caf::exit_reason::user_shutdown);
  self->wait_for(pool);
  CHECK(fs::is_empty(dir.path / "records"));  // provider stopped and unrecorded at shutdown
  CHECK_FALSE(fs::exists(dir.path / "providers" / "slot-0"));
}

TEST_CASE("a provider that will not run leaves the slot working without one", "[pool]") {
  lsqm::testing::TempDir dir("pool-noprovider");
  auto starts = dir.path / "starts";
  auto settings = http_server_pool(1, dir.path);
  settings.provider =
      fake_provider(dir.path, "echo started >> " + starts.string() + "\necho crash; exit 1\n");
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto pool = sys.spawn<caf::detached>(container_pool, settings);
  for (int i = 0; i < 3; ++i) {
    auto slot = acquire(self, pool);
    CHECK(slot.ok);
    CHECK(slot.provider_reattach.empty());
    CHECK(slot.provider_version.empty());
    self->send(pool, release_atom::value, slot);
  }
  std::ifstream in(starts);
  int lines = 0;
  for (std::string l; std::getline(in, l);) ++lines;
  CHECK(lines == 2);  // tried twice, then left alone
  self->send_exit(pool, caf::exit_reason::user_shutdown);
}
