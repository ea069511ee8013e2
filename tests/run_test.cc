// `lsqm run` end to end with the real parts: terraform with the local provider mirror,
// moto_server, pytest, libgit2. Few and small: each apply costs seconds of CPU.
#include <catch2/catch.hpp>

#include "tests/lsqm_cli.h"

using namespace lsqm;
using namespace lsqm::testing;

namespace {

fs::path workdir_of(const fs::path& data) {
  for (auto& e : fs::directory_iterator(data / "cache")) return e.path();
  FAIL("no working clone under " << data);
  return {};
}

std::vector<std::string> run_ids(const fs::path& workdir) {
  std::vector<std::string> ids;
  for (auto& e : fs::directory_iterator(workdir / "runs"))
    if (e.is_directory()) ids.push_back(e.path().filename());
  std::sort(ids.begin(), ids.end());
  return ids;
}

// name -> status of one run's results.
std::map<std::string, std::string> statuses(const fs::path& workdir, const std::string& run_id) {
  auto index = nlohmann::json::parse(slurp(workdir / "architectures" / "index.json"));
  std::map<std::string, std::string> out;
  for (auto& r : nlohmann::json::parse(slurp(workdir / "runs" / run_id / "results.json")))
    out[index[r["arch_hash"].get<std::string>()]["name"]] = r["status"];
  return out;
}

const nlohmann::json* find_event(const std::vector<nlohmann::json>& lines, const std::string& event) {
  for (auto& l : lines)
    if (l.value("event", "") == event) return &l;
  return nullptr;
}

// A tiny, cheap architecture (one SSM parameter) whose content differs by `n`.
void write_parameter_arch(const fs::path& dir, int n) {
  write_text(dir / "main.tf",
             "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\n"
             "resource \"aws_ssm_parameter\" \"p\" {\n  name  = \"/lsqm/test/p" +
                 std::to_string(n) + "\"\n  type  = \"String\"\n  value = \"v" +
                 std::to_string(n) + "\"\n}\n");
}

}  // namespace

TEST_CASE("lsqm run gives honest verdicts, commits them, and a second run compares",
          "[e2e][terraform]") {
  TempDir dir("run");
  copy_examples(dir.path / "src", {"s3-bucket", "sfn-state-machine", "eks-unsupported"});
  write_text(dir.path / "src" / "broken" / "main.tf",
             "resource \"aws_s3_bucket\" \"b\" {\n  bucket = var.undeclared\n}\n");  // plan fails
  auto config = write_config(dir.path, {dir.path / "src"});
  auto bare = dir.path / "artifacts.git";
  std::map<std::string, std::string> env = {{"ARTIFACT_REPO", bare.string()}};
  REQUIRE(run_git({"init", "-q", "--bare", "-b", "main", bare.string()}).exit_code == 0);

  auto first = run_lsqm({"run", "--config", config.string(), "--parallel", "2"}, dir.path / "data", env);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.output, Catch::Contains("Report: "));
  CHECK(find_event(first.log_lines(), "sandbox_on") != nullptr);  // the default, where possible
  auto workdir = workdir_of(dir.path / "data");
  auto ids = run_ids(workdir);
  REQUIRE(ids.size() == 1);
  auto verdicts = statuses(workdir, ids[0]);
  CHECK(verdicts["s3-bucket"] == "PASSED");
  CHECK(verdicts["sfn-state-machine"] == "FAILED");  // moto answers 500 at plan
  CHECK(verdicts["broken"] == "ERROR");  // stopped before any AWS call: never the emulator's
  CHECK(verdicts.count("eks-unsupported") == 0);   // skipped, never applied
  auto index = nlohmann::json::parse(slurp(workdir / "architectures" / "index.json"));
  CHECK(index.size() == 4);

  // The artifact repository's head holds the layout and this run.
  auto tree = run_git({"--git-dir=" + bare.string(), "ls-tree", "-r", "--name-only", "main"}).output;
  for (auto path : {"architectures/index.json", "trends/summary.json", "trends/services.json",
                    "reports/latest/index.html"})
    CHECK_THAT(tree, Catch::Contains(path));
  CHECK_THAT(tree, Catch::Contains("runs/" + ids[0] + "/results.json"));
  CHECK_THAT(tree, Catch::Contains("runs/" + ids[0] + "/run.json"));
  for (auto& [hash, e] : index.items())
    if (e["skip_reason"].get<std::string>().empty())
      CHECK_THAT(tree, Catch::Contains("apps/" + hash + "/test_app.py"));

  // Second run: nothing new is mined; the known architectures are validated again and
  // compared with the first run.
  auto second = run_lsqm({"run", "--config", config.string(), "--parallel", "2"}, dir.path / "data", env);
  INFO(second.output);
  REQUIRE(second.exit_code == 0);
  CHECK_THAT(second.output, Catch::Contains("new architectures: 0"));
  CHECK_THAT(second.output, Catch::Contains("vs " + ids[0]));
  ids = run_ids(workdir);
  REQUIRE(ids.size() == 2);
  auto run2 = nlohmann::json::parse(slurp(workdir / "runs" / ids[1] / "run.json"));
  CHECK(run2["summary"]["previous_run_id"] == ids[0]);
  CHECK(run2["summary"]["total"] == 3);
  CHECK(run2["summary"]["regressions"].empty());
  auto trend = nlohmann::json::parse(slurp(workdir / "trends" / "summary.json"));
  CHECK(trend.size() == 2);
}

TEST_CASE("with --parallel 2 the pool never runs more than 2 emulators", "[e2e][terraform]") {
  TempDir dir("parallel");
  for (int i = 0; i < 6; ++i) write_parameter_arch(dir.path / "src" / ("p" + std::to_string(i)), i);
  auto config = write_config(dir.path, {dir.path / "src"});
  auto r = run_lsqm({"run", "--config", config.string(), "--parallel", "2"}, dir.path / "data");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("PASSED 6"));
  auto lines = r.log_lines();
  auto done = find_event(lines, "done");
  REQUIRE(done);
  CHECK((*done)["peak_emulators"] == 2);  // counted by the pool itself
  CHECK((*done)["validated"] == 6);
}

TEST_CASE("a spent token budget stops generation while existing apps are still validated",
          "[e2e][terraform]") {
  TempDir dir("budget");
  write_parameter_arch(dir.path / "src" / "first", 1);
  auto config = write_config(dir.path, {dir.path / "src"});
  auto data = dir.path / "data";
  // Generate the first app only (no validation), then add a second architecture.
  REQUIRE(run_lsqm({"mine", "--config", config.string()}, data).exit_code == 0);
  REQUIRE(run_lsqm({"generate", "--config", config.string()}, data).exit_code == 0);
  write_parameter_arch(dir.path / "src" / "second", 2);

  auto r = run_lsqm({"run", "--config", config.string(), "--parallel", "1"}, data,
                    {{"ANTHROPIC_TOKEN_BUDGET", "0"}});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("1 architecture validated"));
  CHECK_THAT(r.output, Catch::Contains("without app: 1"));
  auto lines = r.log_lines();
  auto denied = find_event(lines, "budget_denied");
  REQUIRE(denied);
  auto workdir = workdir_of(data);
  auto verdicts = statuses(workdir, run_ids(workdir).back());
  CHECK(verdicts["first"] == "PASSED");
  CHECK(verdicts.count("second") == 0);
}

TEST_CASE("without a sandbox, validate refuses to apply anything and says how to opt out",
          "[e2e][sandbox]") {
  TempDir dir("nosandbox");
  copy_examples(dir.path / "src", {"s3-bucket"});
  auto config = write_config(dir.path, {dir.path / "src"});
  fs::create_directories(dir.path / "empty-bin");
  // No bwrap on this PATH: no sandbox can be made.
  auto r = run_lsqm({"validate", "--config", config.string()}, dir.path / "data",
                    {{"PATH", (dir.path / "empty-bin").string()}});
  INFO(r.output);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("refusing to apply mined architectures without a sandbox") &&
                           Catch::Contains("bwrap") && Catch::Contains("\"sandbox\": \"off\" in the config file"));
  CHECK_FALSE(fs::exists(dir.path / "data" / "emulators"));
  CHECK_FALSE(fs::exists(dir.path / "data" / "cache"));  // refused before the repository is touched

  // Opting out works, and says so at start.
  auto off = write_config(dir.path, {dir.path / "src"}, {{"sandbox", "off"}});
  auto unconfined = run_lsqm({"validate", "--config", off.string()}, dir.path / "data",
                             {{"PATH", (dir.path / "empty-bin").string()}});
  INFO(unconfined.output);
  CHECK(unconfined.exit_code == 0);
  CHECK_THAT(unconfined.output, Catch::Contains("lsqm: warning: sandbox is off"));
  CHECK(find_event(unconfined.log_lines(), "sandbox_off") != nullptr);
}
