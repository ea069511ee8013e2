// The stage commands through the real binary, against real git repositories on disk.
// Nothing here runs terraform: these carry the breadth; run_test.cc carries the depth.
#include <catch2/catch.hpp>

#include <signal.h>

#include <httplib.h>

#include <thread>

#include "adapters/data_dir_lock.h"
#include "tests/cli_repos.h"

using namespace lsqm;
using namespace lsqm::testing;

namespace {

nlohmann::json status_json(const fs::path& data, std::map<std::string, std::string> env = {}) {
  auto r = run_lsqm({"status", "--json"}, data, env);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto start = r.output.find("{\n");
  REQUIRE(start != std::string::npos);
  return nlohmann::json::parse(r.output.substr(start, r.output.rfind('}') - start + 1));
}

}  // namespace

TEST_CASE("sync and status work on the embedded default repository", "[commands]") {
  TempDir data("default");
  auto r = run_lsqm({"sync"}, data.path);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(data.path / "artifacts.git"));
  auto s = status_json(data.path);
  CHECK(s["architectures"]["total"] == 0);
  CHECK(s["runs"] == 0);
  CHECK(s["latest_run"].is_null());
  CHECK(fs::exists(fs::path(s["workdir"].get<std::string>()) / "architectures" / "index.json"));
}

TEST_CASE("sync initialises a bare ARTIFACT_REPO and a second sync changes nothing",
          "[commands]") {
  TempDir dir("bare");
  auto bare = bare_repo(dir.path);
  std::map<std::string, std::string> env = {{"ARTIFACT_REPO", bare.string()}};
  REQUIRE(run_lsqm({"sync"}, dir.path / "data", env).exit_code == 0);
  auto after_first = git_snapshot(bare);
  CHECK_THAT(after_first, Catch::Contains("refs/heads/main"));
  REQUIRE(run_lsqm({"sync"}, dir.path / "data", env).exit_code == 0);
  CHECK(git_snapshot(bare) == after_first);
  CHECK(status_json(dir.path / "data", env)["repository"] == bare.string());
}

TEST_CASE("a dry run changes neither the repository nor the data dir", "[commands]") {
  TempDir dir("dry");
  auto bare = bare_repo(dir.path);
  std::map<std::string, std::string> env = {{"ARTIFACT_REPO", bare.string()}};
  auto data = dir.path / "data";
  // A fresh data dir stays empty.
  for (auto cmd : {"sync", "run", "mine", "push", "status"}) {
    auto r = run_lsqm({"--dry-run", cmd}, data, env);
    INFO(cmd << ": " << r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("would"));
  }
  CHECK_FALSE(fs::exists(data / "cache"));
  CHECK(git_snapshot(bare).find("refs/heads") == std::string::npos);

  // After a real sync, dry runs leave the repository as it is.
  REQUIRE(run_lsqm({"sync"}, data, env).exit_code == 0);
  auto before = git_snapshot(bare);
  for (auto cmd : {"run", "mine", "push", "clean"})
    CHECK(run_lsqm({cmd, "--dry-run"}, data, env).exit_code == 0);
  CHECK(git_snapshot(bare) == before);
  CHECK(fs::exists(data / "cache"));  // clean --dry-run removed nothing
}

TEST_CASE("a corrupt index.json stops the run, is named, and is left untouched", "[commands]") {
  TempDir dir("corrupt");
  auto bare = bare_repo(dir.path);
  std::map<std::string, std::string> env = {{"ARTIFACT_REPO", bare.string()}};
  REQUIRE(run_lsqm({"sync"}, dir.path / "data", env).exit_code == 0);
  // Another writer pushes a broken index.
  auto other = dir.path / "other";
  git({"clone", "-q", bare.string(), other.string()});
  write_text(other / "architectures" / "index.json", "{\"abc\": {\"name\": ");
  git({"commit", "-qam", "break the index"}, other);
  git({"push", "-q", "origin", "main"}, other);
  auto before = git_snapshot(bare);

  auto r = run_lsqm({"run"}, dir.path / "data", env);
  INFO(r.output);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("index.json"));
  CHECK(git_snapshot(bare) == before);
  auto s = run_lsqm({"status"}, dir.path / "data", env);
  CHECK(s.exit_code == 3);
}

TEST_CASE("an unreachable or unrelated ARTIFACT_REPO is a clear error, exit 3", "[commands]") {
  TempDir dir("unreachable");
  auto r = run_lsqm({"sync"}, dir.path / "data", {{"ARTIFACT_REPO", (dir.path / "nope.git").string()}});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("nope.git"));

  auto unrelated = dir.path / "unrelated";
  git({"init", "-q", "-b", "main", unrelated.string()});
  write_text(unrelated / "README.md", "someone else's project\n");
  git({"add", "README.md"}, unrelated);
  git({"commit", "-qm", "theirs"}, unrelated);
  auto bare = dir.path / "unrelated.git";
  git({"clone", "-q", "--bare", unrelated.string(), bare.string()});
  auto before = git_snapshot(bare);
  r = run_lsqm({"sync"}, dir.path / "data2", {{"ARTIFACT_REPO", bare.string()}});
  CHECK(r.exit_code == 3);
  CHECK(git_snapshot(bare) == before);
}

TEST_CASE("a second lsqm on a data dir in use is refused, exit 3, and changes nothing",
          "[commands]") {
  TempDir dir("busy");
  auto data = dir.path / "data";
  {
    DataDirLock held(data);  // as a running `lsqm run` holds it
    for (auto cmd : {"sync", "run", "clean"}) {
      auto r = run_lsqm({cmd}, data);
      INFO(cmd << ": " << r.output);
      CHECK(r.exit_code == 3);
      CHECK_THAT(r.output, Catch::Contains("another lsqm (pid " + std::to_string(::getpid())));
    }
    CHECK_FALSE(fs::exists(data / "cache"));
  }
  CHECK(run_lsqm({"sync"}, data).exit_code == 0);  // free again once its holder is gone
}

TEST_CASE("mine records new architectures with their skip reasons and spends no budget",
          "[commands]") {
  TempDir dir("mine");
  copy_examples(dir.path / "src", {"s3-bucket", "eks-unsupported", "sqs-fifo-queue"});
  write_text(dir.path / "src" / "not-aws" / "main.tf", "variable \"x\" {}\n");
  auto r = run_lsqm({"mine", "--source", (dir.path / "src").string()}, dir.path / "data");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("mine: 3 new"));
  auto s = status_json(dir.path / "data");
  CHECK(s["architectures"]["total"] == 3);
  CHECK(s["architectures"]["skipped"] == 1);
  CHECK(s["architectures"]["by_kind"]["terraform"] == 3);
  CHECK(s["architectures"]["skipped_by_reason"]["uses unsupported services"] == 1);
  CHECK(s["apps"] == 0);
  auto shown = run_lsqm({"status"}, dir.path / "data");
  CHECK_THAT(shown.output, Catch::Contains("skipped:     uses unsupported services 1"));
  auto index = nlohmann::json::parse(slurp(fs::path(s["workdir"].get<std::string>()) /
                                           "architectures" / "index.json"));
  bool eks_skipped = false;
  for (auto& [hash, e] : index.items())
    if (e["name"] == "eks-unsupported")
      eks_skipped = e["skip_reason"].get<std::string>().find("eks") != std::string::npos;
  CHECK(eks_skipped);

  // Mining the same source again finds nothing new.
  r = run_lsqm({"mine", "--source", (dir.path / "src").string()}, dir.path / "data");
  CHECK_THAT(r.output, Catch::Contains("mine: 0 new"));
}

TEST_CASE("an emulator that never becomes ready gives ERROR with its output kept", "[commands]") {
  TempDir dir("notready");
  copy_examples(dir.path / "src", {"s3-bucket"});
  auto config = write_config(
      dir.path, {dir.path / "src"},
      {{"emulator_command", "/bin/sh -c echo${IFS}booting-forever;exec${IFS}sleep${IFS}60 {port}"},
       {"ready_timeout_s", 2}});
  auto r = run_lsqm({"run", "--config", config.string(), "--parallel", "1"}, dir.path / "data");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);  // ERROR is not a regression
  CHECK_THAT(r.output, Catch::Contains("ERROR 1"));
  // runs/ also holds .gitkeep, so the run is found by its id, not by listing the folder.
  auto status = status_json(dir.path / "data");
  auto run_dir = fs::path(status["workdir"].get<std::string>()) / "runs" /
                 status["latest_run"]["run_id"].get<std::string>();
  REQUIRE(fs::is_regular_file(run_dir / "results.json"));
  auto results = nlohmann::json::parse(slurp(run_dir / "results.json"));
  REQUIRE(results.size() == 1);
  CHECK(results[0]["status"] == "ERROR");
  CHECK(results[0]["error"]["type"] == "emulator_not_ready");
  auto log = slurp(run_dir / "logs" / (results[0]["arch_hash"].get<std::string>() + ".log"));
  CHECK_THAT(log, Catch::Contains("booting-forever"));
}

TEST_CASE("Ctrl-C stops the run, its emulators and terraform, and removes its scratch space",
          "[commands]") {
  TempDir dir("interrupt");
  copy_examples(dir.path / "src", {"s3-bucket"});
  auto config = write_config(dir.path, {dir.path / "src"});
  auto data = dir.path / "data";
  ProcessSpec spec;
  spec.argv = {LSQM_BINARY, "run", "--config", config.string(), "--parallel", "1"};
  std::map<std::string, std::string> env = {{"LSQM_DATA_DIR", data.string()}};
  if (const char* home = std::getenv("HOME")) env["HOME"] = home;
  spec.env = scrubbed_env(env);
  auto lsqm = ChildProcess::start(spec, dir.path / "lsqm.out");

  // Wait until an emulator runs for it (and, most likely, the slot's provider), then interrupt.
  // The records are written atomically: a temp file beside them is not a record.
  std::vector<int> recorded;
  bool emulator_seen = false;
  for (int i = 0; i < 600 && !emulator_seen; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::error_code ec;
    recorded.clear();
    for (auto& e : fs::directory_iterator(data / "emulators", ec)) {
      if (e.path().extension() != ".json") continue;
      auto rec = nlohmann::json::parse(slurp(e.path()), nullptr, false);
      if (rec.is_discarded() || rec.value("pid", 0) <= 0) continue;
      recorded.push_back(rec["pid"]);
      // Sandboxed: bwrap … -- /…/moto_server …
      for (const auto& word : rec.value("argv", std::vector<std::string>{}))
        emulator_seen |= fs::path(word).filename() == "moto_server";
    }
  }
  REQUIRE(emulator_seen);
  ::kill(lsqm->pid(), SIGINT);
  for (int i = 0; i < 100 && lsqm->running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK_FALSE(lsqm->running());
  CHECK_THAT(lsqm->output(), Catch::Contains("\"event\":\"interrupted\""));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // init reaps the orphans
  for (int pid : recorded) CHECK_FALSE(process_alive(pid));
  CHECK((!fs::exists(data / "work") || fs::is_empty(data / "work")));

  // The cut run is kept: the next push closes it as interrupted, and it is no baseline.
  auto push = run_lsqm({"push"}, data);
  INFO(push.output);
  REQUIRE(push.exit_code == 0);
  CHECK_THAT(push.output, Catch::Contains("interrupted_run_closed"));
  auto status = status_json(data);
  CHECK(status["runs"] == 1);
  CHECK(status["unfinished_runs"] == 1);
  CHECK(status["latest_run"].is_null());
  auto runs = fs::path(status["workdir"].get<std::string>()) / "runs";
  int closed = 0;
  for (auto& d : fs::directory_iterator(runs))
    if (fs::exists(d.path() / "run.json"))
      closed += nlohmann::json::parse(slurp(d.path() / "run.json"))["state"] == "interrupted";
  CHECK(closed == 1);
}

TEST_CASE("report re-renders the dashboard and notify posts the summary to a Slack webhook",
          "[commands]") {
  TempDir dir("notify");
  copy_examples(dir.path / "src", {"s3-bucket"});
  auto config = write_config(
      dir.path, {dir.path / "src"},
      {{"emulator_command", "/bin/sh -c exec${IFS}sleep${IFS}60 {port}"}, {"ready_timeout_s", 1}});
  auto data = dir.path / "data";
  REQUIRE(run_lsqm({"run", "--config", config.string()}, data).exit_code == 0);

  auto workdir = fs::path(status_json(data)["workdir"].get<std::string>());
  auto report = workdir / "reports" / "latest" / "index.html";
  fs::remove(report);
  auto remote_before = git_snapshot(data / "artifacts.git");
  auto head_before = run_git({"rev-parse", "HEAD"}, workdir).output;
  auto r = run_lsqm({"report"}, data);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(slurp(report), Catch::Contains("s3-bucket"));
  CHECK(git_snapshot(data / "artifacts.git") == remote_before);  // report only reads:
  CHECK(run_git({"rev-parse", "HEAD"}, workdir).output == head_before);  // no commit either

  httplib::Server slack;
  std::vector<std::string> posted;
  int answer = 200;
  slack.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    posted.push_back(req.body);
    res.status = answer;
    res.set_content(answer == 200 ? "ok" : "invalid_payload", "text/plain");
  });
  int port = slack.bind_to_any_port("127.0.0.1");
  std::thread t([&] { slack.listen_after_bind(); });
  auto hook = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  r = run_lsqm({"notify"}, data, {{"SLACK_WEBHOOK_URL", hook}});
  INFO(r.output);
  CHECK(r.exit_code == 0);
  REQUIRE(posted.size() == 1);
  auto text = nlohmann::json::parse(posted[0])["text"].get<std::string>();
  CHECK_THAT(text, Catch::Contains("ERROR 1"));
  CHECK_THAT(r.output, !Catch::Contains(hook));  // the webhook is a secret

  answer = 500;  // Slack failing is reported, exit 3, and the summary still reaches stdout
  r = run_lsqm({"notify"}, data, {{"SLACK_WEBHOOK_URL", hook}});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("slack: HTTP 500"));
  CHECK_THAT(r.output, Catch::Contains("ERROR 1"));
  slack.stop();
  t.join();
}

TEST_CASE("mine on a module repository records its examples only, each with its modules",
          "[commands][units]") {
  TempDir dir("mine-units");
  auto src = dir.path / "src";
  write_text(src / "main.tf",
             "variable \"bucket_name\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = var.bucket_name\n}\n"
             "module \"x\" {\n  source = \"./modules/x\"\n}\n");
  write_text(src / "modules" / "x" / "main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n");
  write_text(src / "examples" / "a" / "main.tf",
             "variable \"region\" {}\nvariable \"name\" {}\n"
             "module \"m\" {\n  source      = \"../../\"\n  bucket_name = var.name\n}\n");
  write_text(src / "examples" / "b" / "main.tf",
             "variable \"vpc_id\" {}\nmodule \"x\" {\n  source = \"../../modules/x\"\n}\n");
  auto r = run_lsqm({"mine", "--source", src.string()}, dir.path / "data");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("mine: 2 new"));
  auto s = status_json(dir.path / "data");
  auto arch_root = fs::path(s["workdir"].get<std::string>()) / "architectures";
  auto index = nlohmann::json::parse(slurp(arch_root / "index.json"));
  REQUIRE(index.size() == 2);
  for (auto& [hash, e] : index.items()) {
    auto meta = nlohmann::json::parse(slurp(arch_root / hash / "metadata.json"));
    if (e["name"] == "examples/a") {
      CHECK(e["skip_reason"] == "");
      CHECK(e["services"] == nlohmann::json::array({"s3", "sqs"}));
      CHECK(meta["root_dir"] == "examples/a");
      CHECK(fs::exists(arch_root / hash / "main.tf"));
      CHECK(fs::exists(arch_root / hash / "modules" / "x" / "main.tf"));
      CHECK(fs::exists(arch_root / hash / "examples" / "a" / "main.tf"));
      CHECK_FALSE(fs::exists(arch_root / hash / "examples" / "b"));
    } else {
      CHECK(e["name"] == "examples/b");
      CHECK(e["skip_reason"] == "needs input: vpc_id");
    }
  }
}
