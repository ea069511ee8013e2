// The miner actor against a real working clone on disk.
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include "actors/miner/config_for_test.h"
#include "actors/miner/miner_actor.h"
#include "tests/lsqm_cli.h"

using namespace lsqm;

TEST_CASE("an indexed architecture today's policy refuses is not handed out again",
          "[miner][intake]") {
  testing::TempDir dir("miner-known");
  // Mined by an older lsqm, whose scanner missed the provisioner behind a multi-line string.
  const std::string hidden =
      "resource \"aws_s3_bucket\" \"b\" {}\nresource \"null_resource\" \"n\" {\n"
      "  triggers = { a = \"${\n 1} /* \" }\n  provisioner \"local-exec\" {\n    command = \"id\"\n  }\n}\n";
  const std::string plain = "resource \"aws_s3_bucket\" \"b\" {}\n";
  nlohmann::json index = nlohmann::json::object();
  for (auto [hash, tf] : {std::pair{std::string(64, 'a'), hidden}, std::pair{std::string(64, 'b'), plain}}) {
    testing::write_text(dir.path / "architectures" / hash / "main.tf", tf);
    testing::write_text(dir.path / "architectures" / hash / "metadata.json",
                        nlohmann::json{{"name", hash.substr(0, 1)}}.dump());
    index[hash] = {{"name", hash.substr(0, 1)}, {"skip_reason", ""}};
  }
  MinerSettings settings;
  settings.repo_workdir = dir.path;
  settings.catalog = test::project_catalog();
  settings.dry_run = true;

  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto m = sys.spawn(miner, settings, index);
  MineBatch batch;
  self->request(m, caf::infinite, pull_atom::value, std::uint32_t{5})
      .receive([&](const MineBatch& b) { batch = b; }, [&](caf::error& e) { FAIL(sys.render(e)); });
  REQUIRE(batch.architectures.size() == 1);
  CHECK(batch.architectures[0].hash == std::string(64, 'b'));
  MiningSummary summary;
  self->request(m, caf::infinite, summary_atom::value)
      .receive([&](const MiningSummary& s) { summary = s; }, [&](caf::error& e) { FAIL(sys.render(e)); });
  CHECK(summary.skipped == 1);
  CHECK_THAT(summary.messages, Catch::VectorContains(std::string("a: uses provisioner local-exec")));
  self->send_exit(m, caf::exit_reason::user_shutdown);
}
