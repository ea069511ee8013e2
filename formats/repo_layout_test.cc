#include "formats/repo_layout.h"

#include <catch2/catch.hpp>

using namespace lsqm::layout;

TEST_CASE("architecture hashes are 64 lowercase hex, nothing else", "[repo_layout]") {
  std::string good(64, 'a');
  CHECK(is_arch_hash(good));
  CHECK(is_arch_hash("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  CHECK_FALSE(is_arch_hash(std::string(63, 'a')));
  CHECK_FALSE(is_arch_hash(std::string(64, 'A')));
  CHECK_FALSE(is_arch_hash("../../../../victim"));
  CHECK_FALSE(is_arch_hash(""));
  CHECK(arch_dir(good) == std::filesystem::path("architectures") / good);
  CHECK(app_dir(good) == std::filesystem::path("apps") / good);
  CHECK_THROWS_AS(arch_dir("../../../../victim"), InvalidName);
  CHECK_THROWS_AS(app_dir(".."), InvalidName);
  CHECK_THROWS_AS(arch_dir(std::string(62, 'a') + "/x"), InvalidName);
}

TEST_CASE("run ids have the run-id shape, nothing else", "[repo_layout]") {
  CHECK(is_run_id("20261122T055721Z-b64772"));
  CHECK_FALSE(is_run_id("20261122T055721Z-B64772"));
  CHECK_FALSE(is_run_id("20261122T055721Z-b6477"));
  CHECK_FALSE(is_run_id("20261122T055721Z-b64772x"));
  CHECK_FALSE(is_run_id("2026112xT055721Z-b64772"));
  CHECK_FALSE(is_run_id("../../../../victim"));
  CHECK_FALSE(is_run_id(".gitkeep"));
  CHECK(run_dir("20261122T055721Z-b64772") == std::filesystem::path("runs/20261122T055721Z-b64772"));
  CHECK_THROWS_AS(run_dir("../x"), InvalidName);
  // A long hostile name is cut in the message, never echoed whole.
  try {
    run_dir(std::string(10000, '/'));
    FAIL("no throw");
  } catch (const InvalidName& e) {
    CHECK(std::string(e.what()).size() < 200);
  }
}
