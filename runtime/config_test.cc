#include "runtime/config.h"

#include <filesystem>
#include <cstdlib>
#include <fstream>

#include <unistd.h>

#include <catch2/catch.hpp>

#include "runtime/embedded_config.h"

namespace {

namespace fs = std::filesystem;

// A config file in a fresh temp directory, removed at scope end.
struct TempConfig {
  fs::path dir;
  std::string path;
  explicit TempConfig(const std::string& text) {
    dir = fs::temp_directory_path() / ("lsqm_config_test_" + std::to_string(::getpid()) + "_" +
                                       std::to_string(counter()++));
    fs::create_directories(dir);
    path = (dir / "lsqm.json").string();
    std::ofstream(path) << text;
  }
  ~TempConfig() { fs::remove_all(dir); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

std::string error_of(const lsqm::ConfigInputs& inputs) {
  try {
    lsqm::load_config(inputs);
  } catch (const lsqm::ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

using Catch::Matchers::Contains;

TEST_CASE("defaults come from the embedded default.json and match Config{}", "[config]") {
  lsqm::Config c = lsqm::load_config({});
  CHECK(c.parallel == 4);
  CHECK(c.token_budget == 500000);
  CHECK(c.localstack_version == "latest");
  CHECK(c.issue_repo == "localstack/localstack");
  CHECK_FALSE(c.verbose);
  CHECK_FALSE(c.dry_run);
  CHECK_FALSE(c.terraform_registry_modules);
  auto embedded = nlohmann::json::parse(lsqm::embedded_configs().at("default.json"));
  // Every key of default.json is a Config field with the same default value.
  CHECK(lsqm::snapshot(lsqm::Config{}) == lsqm::snapshot(c));
  for (const auto& [key, value] : embedded.items()) {
    INFO(key);
    CHECK(lsqm::snapshot(c).at(key) == value);
  }
}

TEST_CASE("each layer overrides the one below", "[config]") {
  TempConfig file(R"({"parallel": 2, "localstack_version": "3.0", "region": "eu-west-1",
                      "sources": ["/a"], "_comment": "ignored"})");
  lsqm::ConfigInputs in;
  in.config_file = file.path;

  SECTION("file over defaults") {
    auto c = lsqm::load_config(in);
    CHECK(c.parallel == 2);
    CHECK(c.localstack_version == "3.0");
    CHECK(c.region == "eu-west-1");
    CHECK(c.sources == std::vector<lsqm::SourceSpec>{{.location = "/a"}});
    CHECK(c.timeout_s == 300);  // untouched keys keep their defaults
  }
  SECTION("environment over file") {
    in.env = {{"LSQM_PARALLEL", "6"}, {"LOCALSTACK_VERSION", "4.1"}, {"LSQM_TIMEOUT", "90"},
              {"ANTHROPIC_TOKEN_BUDGET", "1000"}, {"ARTIFACT_REPO", "/tmp/repo"},
              {"LSQM_GITHUB_API_URL", "http://127.0.0.1:9"}, {"LSQM_TF_PLUGIN_DIR", "/p"},
              {"GITHUB_TOKEN", "ghp_x"}, {"UNRELATED", "x"}};
    auto c = lsqm::load_config(in);
    CHECK(c.parallel == 6);
    CHECK(c.localstack_version == "4.1");
    CHECK(c.timeout_s == 90);
    CHECK(c.token_budget == 1000);
    CHECK(c.artifact_repo == "/tmp/repo");
    CHECK(c.github_api_url == "http://127.0.0.1:9");
    CHECK(c.terraform_plugin_dir == "/p");
    CHECK(c.github_token == "ghp_x");
    CHECK(c.region == "eu-west-1");
  }
  SECTION("an empty environment variable counts as unset") {
    in.env = {{"LSQM_PARALLEL", ""}, {"LOCALSTACK_VERSION", ""}};
    auto c = lsqm::load_config(in);
    CHECK(c.parallel == 2);
    CHECK(c.localstack_version == "3.0");
  }
  SECTION("flags over environment") {
    in.env = {{"LSQM_PARALLEL", "6"}, {"LOCALSTACK_VERSION", "4.1"}};
    in.flags.parallel = 8;
    in.flags.localstack_version = "4.2";
    in.flags.sources = std::vector<std::string>{"/b", "/c"};
    in.flags.verbose = true;
    in.flags.dry_run = true;
    auto c = lsqm::load_config(in);
    CHECK(c.parallel == 8);
    CHECK(c.localstack_version == "4.2");
    CHECK(c.sources == std::vector<lsqm::SourceSpec>{{.location = "/b"}, {.location = "/c"}});
    CHECK(c.verbose);
    CHECK(c.dry_run);
  }
}

TEST_CASE("malformed environment values name the variable", "[config]") {
  lsqm::ConfigInputs in;
  in.env = {{"LSQM_PARALLEL", "abc"}};
  CHECK(error_of(in) == "environment variable LSQM_PARALLEL: 'abc' is not an integer from 1 to 64");
  in.env = {{"LSQM_PARALLEL", "0"}};
  CHECK(error_of(in) == "environment variable LSQM_PARALLEL: '0' is not an integer from 1 to 64");
  in.env = {{"LSQM_PARALLEL", "-3"}};
  CHECK_THAT(error_of(in), Contains("LSQM_PARALLEL") && Contains("'-3'"));
  in.env = {{"LSQM_TIMEOUT", "10s"}};
  CHECK_THAT(error_of(in), Contains("LSQM_TIMEOUT") && Contains("'10s'"));
  in.env = {{"LSQM_PARALLEL", "99999999999"}};
  CHECK_THAT(error_of(in), Contains("LSQM_PARALLEL"));
  in.env = {{"ANTHROPIC_TOKEN_BUDGET", "-1"}};
  CHECK_THAT(error_of(in), Contains("ANTHROPIC_TOKEN_BUDGET") && Contains("non-negative"));
  in.env = {{"ANTHROPIC_TOKEN_BUDGET", "0"}};
  CHECK(lsqm::load_config(in).token_budget == 0);  // zero: generate nothing
}

TEST_CASE("a bad --parallel flag names the flag", "[config]") {
  lsqm::ConfigInputs in;
  in.flags.parallel = 0;
  CHECK(error_of(in) == "flag --parallel: '0' is not an integer from 1 to 64");
  in.flags.parallel = -2;
  CHECK_THAT(error_of(in), Contains("flag --parallel"));
}

TEST_CASE("config file errors name the file and what to fix", "[config]") {
  lsqm::ConfigInputs in;

  SECTION("missing file") {
    in.config_file = "/nonexistent/lsqm.json";
    CHECK_THAT(error_of(in), Contains("/nonexistent/lsqm.json") && Contains("cannot be read"));
  }
  SECTION("not JSON: path and parse position") {
    TempConfig file("{\n  \"parallel\": 2,\n  oops\n}");
    in.config_file = file.path;
    auto message = error_of(in);
    CHECK_THAT(message, Contains(file.path) && Contains("not valid JSON") &&
                            Contains("line 3, column"));
  }
  SECTION("not an object") {
    TempConfig file("[1, 2]");
    in.config_file = file.path;
    CHECK_THAT(error_of(in), Contains(file.path) && Contains("JSON object"));
  }
  SECTION("unknown key with a suggestion") {
    TempConfig file(R"({"paralel": 2})");
    in.config_file = file.path;
    CHECK_THAT(error_of(in), Contains(file.path) && Contains("unknown key 'paralel'") &&
                                 Contains("did you mean 'parallel'"));
  }
  SECTION("unknown key with nothing close") {
    TempConfig file(R"({"zzzzzzzzzzzz": 2})");
    in.config_file = file.path;
    auto message = error_of(in);
    CHECK_THAT(message, Contains("unknown key 'zzzzzzzzzzzz'"));
    CHECK_THAT(message, !Contains("did you mean"));
  }
  SECTION("wrong JSON type") {
    TempConfig file(R"({"parallel": "4"})");
    in.config_file = file.path;
    CHECK_THAT(error_of(in), Contains(file.path) && Contains("'parallel'") &&
                                 Contains("expected an integer") && Contains("string"));
  }
  SECTION("wrong element type in a list") {
    TempConfig file(R"({"sources": ["/a", 3]})");
    in.config_file = file.path;
    CHECK_THAT(error_of(in), Contains("sources[1]") && Contains("a string") && Contains("3"));
  }
  SECTION("a float is not an integer") {
    TempConfig file(R"({"timeout_s": 2.5})");
    in.config_file = file.path;
    CHECK_THAT(error_of(in), Contains("'timeout_s'") && Contains("expected an integer"));
  }
  SECTION("parallel 0 in the file") {
    TempConfig file(R"({"parallel": 0})");
    in.config_file = file.path;
    CHECK_THAT(error_of(in), Contains(file.path) && Contains("'parallel'") &&
                                 Contains("not an integer from 1 to 64"));
  }
  SECTION("parallel beyond the bound in the file") {
    TempConfig file(R"({"parallel": 65})");
    in.config_file = file.path;
    CHECK_THAT(error_of(in), Contains("'parallel'") && Contains("'65'") &&
                                 Contains("not an integer from 1 to 64"));
  }
  SECTION("a secret in the file points to its environment variable") {
    TempConfig file(R"({"github_token": "ghp_secret"})");
    in.config_file = file.path;
    CHECK_THAT(error_of(in), Contains("GITHUB_TOKEN"));
  }
}

TEST_CASE("snapshot drops the secrets, secret_values lists the set ones", "[config]") {
  lsqm::ConfigInputs in;
  in.env = {{"ANTHROPIC_API_KEY", "sk-ant-123"}, {"GITHUB_TOKEN", "ghp_456"}};
  auto c = lsqm::load_config(in);
  auto snap = lsqm::snapshot(c);
  auto text = snap.dump();
  CHECK(text.find("sk-ant-123") == std::string::npos);
  CHECK(text.find("ghp_456") == std::string::npos);
  CHECK_FALSE(snap.contains("anthropic_api_key"));
  CHECK_FALSE(snap.contains("github_token"));
  CHECK_FALSE(snap.contains("slack_webhook_url"));
  CHECK(snap.at("parallel") == 4);
  CHECK(lsqm::secret_values(c) == std::vector<std::string>{"sk-ant-123", "ghp_456"});
}

TEST_CASE("process_environment reads the real environment", "[config]") {
  auto env = lsqm::process_environment();
  REQUIRE(env.count("PATH") == 1);
  CHECK(env["PATH"] == std::getenv("PATH"));
}

TEST_CASE("a token inside ARTIFACT_REPO is a secret: not in the snapshot, redacted",
          "[config]") {
  lsqm::ConfigInputs in;
  in.env = {{"ARTIFACT_REPO", "https://x-access-token:ghp_in_url_99@github.example/o/a.git"}};
  auto c = lsqm::load_config(in);
  auto snap = lsqm::snapshot(c);
  CHECK(snap.at("artifact_repo") == "https://github.example/o/a.git");
  CHECK(snap.dump().find("ghp_in_url_99") == std::string::npos);
  CHECK(lsqm::secret_values(c) == std::vector<std::string>{"ghp_in_url_99"});
}

TEST_CASE("sandbox is on by default and takes only on or off", "[config]") {
  CHECK(lsqm::load_config({}).sandbox == "on");
  lsqm::ConfigInputs in;
  TempConfig off(R"({"sandbox": "off"})");
  in.config_file = off.path;
  CHECK(lsqm::load_config(in).sandbox == "off");
  TempConfig maybe(R"({"sandbox": "maybe"})");
  in.config_file = maybe.path;
  CHECK_THAT(error_of(in), Contains("sandbox: 'maybe'"));
}

TEST_CASE("terraform_aws_provider: as-declared, pin:VERSION, pin:auto; nothing else", "[config]") {
  for (const char* policy : {"as-declared", "pin:5.100.0", "pin:auto"}) {
    TempConfig file(std::string(R"({"terraform_aws_provider": ")") + policy + "\"}");
    lsqm::ConfigInputs in;
    in.config_file = file.path;
    auto c = lsqm::load_config(in);
    CHECK(c.terraform_aws_provider == policy);
  }
  TempConfig file(R"({"terraform_aws_provider": "pin:newest"})");
  lsqm::ConfigInputs in;
  in.config_file = file.path;
  CHECK_THAT(error_of(in), Contains("pin:auto"));
  lsqm::Config c;
  c.terraform_aws_provider = "pin:auto";
  CHECK(lsqm::pinned_aws_version(c) == "auto");
}

TEST_CASE("sources take strings, git objects and local objects", "[config]") {
  TempConfig file(R"({"sources": [
      "/plain",
      {"kind": "git", "url": "https://x:ghp_src_7@github.com/o/r", "ref": "v1",
       "paths": ["examples/*"], "exclude": ["examples/old"]},
      {"kind": "local", "path": "/dir"}]})");
  lsqm::ConfigInputs in;
  in.config_file = file.path;
  auto c = lsqm::load_config(in);
  REQUIRE(c.sources.size() == 3);
  CHECK(c.sources[0] == lsqm::SourceSpec{.location = "/plain"});
  CHECK(c.sources[1] == lsqm::SourceSpec{"git", "https://x:ghp_src_7@github.com/o/r", "v1",
                                         {"examples/*"}, {"examples/old"}});
  CHECK(c.sources[2] == lsqm::SourceSpec{.kind = "local", .location = "/dir"});
  auto snap = lsqm::snapshot(c);
  CHECK(snap["sources"][0] == "/plain");
  CHECK(snap["sources"][1]["url"] == "https://github.com/o/r");
  CHECK(snap["sources"][2]["path"] == "/dir");
  CHECK(snap.dump().find("ghp_src_7") == std::string::npos);
  CHECK(lsqm::secret_values(c) == std::vector<std::string>{"ghp_src_7"});
}

TEST_CASE("malformed source objects are refused with what to fix", "[config]") {
  lsqm::ConfigInputs in;
  auto refused = [&](const std::string& sources) {
    TempConfig file(R"({"sources": )" + sources + "}");
    in.config_file = file.path;
    return error_of(in);
  };
  CHECK_THAT(refused(R"([{"kind": "svn", "url": "x"}])"),
             Contains("sources[0]") && Contains("\"git\" or \"local\"") && Contains("svn"));
  CHECK_THAT(refused(R"([{"url": "x"}])"), Contains("sources[0]") && Contains("kind"));
  CHECK_THAT(refused(R"(["/a", {"kind": "git"}])"),
             Contains("sources[1]") && Contains("needs a non-empty \"url\""));
  CHECK_THAT(refused(R"([{"kind": "local", "path": "/a", "ref": "main"}])"),
             Contains("unknown key 'ref'") && Contains("local source"));
  CHECK_THAT(refused(R"([{"kind": "git", "url": "u", "paths": "examples"}])"),
             Contains("'paths'") && Contains("array of strings"));
  CHECK_THAT(refused(R"([{"kind": "git", "url": "u", "ref": 3}])"),
             Contains("'ref'") && Contains("a string"));
  CHECK_THAT(refused(R"([""])"), Contains("sources[0]") && Contains("empty"));
  CHECK_THAT(refused(R"({"kind": "git"})"), Contains("'sources'"));
}
