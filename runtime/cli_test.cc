#include "runtime/cli.h"

#include <sys/wait.h>

#include <cstdio>
#include <sstream>

#include <catch2/catch.hpp>

#include "runtime/exit_codes.h"

namespace {

struct Parsed {
  lsqm::CliParseResult result;
  std::string out, err;
};

Parsed parse(std::vector<std::string> args) {
  std::ostringstream out, err;
  auto result = lsqm::parse_cli(args, out, err);
  return {std::move(result), out.str(), err.str()};
}

struct Ran {
  int exit_code;
  std::string output;  // stdout + stderr
};

// Runs the built lsqm binary through the shell with a clean LSQM_/secret environment.
Ran run_lsqm(const std::string& args, const std::string& env = "") {
  std::string command = "env -u LSQM_PARALLEL -u LSQM_TIMEOUT " + env + " " LSQM_BINARY " " +
                        args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) output.append(buf, n);
  int status = ::pclose(pipe);
  REQUIRE(WIFEXITED(status));
  return {WEXITSTATUS(status), output};
}

}  // namespace

using Catch::Matchers::Contains;

TEST_CASE("global flags are accepted before and after the subcommand", "[cli]") {
  auto before = parse({"--config", "/c.json", "-v", "--dry-run", "--parallel", "3",
                       "--localstack-version", "3.5", "validate", "--arch", "aa", "--arch", "bb"});
  auto after = parse({"validate", "--arch", "aa", "--config", "/c.json", "--verbose",
                      "--dry-run", "--parallel", "3", "--localstack-version", "3.5", "--arch",
                      "bb"});
  for (auto* p : {&before, &after}) {
    INFO(p->err);
    REQUIRE(p->result.options);
    const auto& o = *p->result.options;
    CHECK(o.command == "validate");
    CHECK(o.config_path == "/c.json");
    CHECK(o.verbose);
    CHECK(o.dry_run);
    CHECK(o.parallel == 3);
    CHECK(o.localstack_version == "3.5");
    CHECK(o.arch_hashes == std::vector<std::string>{"aa", "bb"});
  }
}

TEST_CASE("unset flags stay unset", "[cli]") {
  auto p = parse({"run"});
  REQUIRE(p.result.options);
  CHECK(p.result.options->command == "run");
  CHECK_FALSE(p.result.options->parallel);
  CHECK_FALSE(p.result.options->config_path);
  CHECK_FALSE(p.result.options->localstack_version);
  CHECK_FALSE(p.result.options->verbose);
  CHECK_FALSE(p.result.options->dry_run);
}

TEST_CASE("per-command options", "[cli]") {
  auto mine = parse({"mine", "--source", "/a", "--source", "/b"});
  REQUIRE(mine.result.options);
  CHECK(mine.result.options->sources == std::vector<std::string>{"/a", "/b"});

  auto status = parse({"status", "--json"});
  REQUIRE(status.result.options);
  CHECK(status.result.options->json);

  auto inject = parse({"inject", "https://github.com/x/y", "-v"});
  REQUIRE(inject.result.options);
  CHECK(inject.result.options->inject_target == "https://github.com/x/y");
  CHECK(inject.result.options->verbose);

  auto clean = parse({"clean", "--dry-run"});
  REQUIRE(clean.result.options);
  CHECK(clean.result.options->dry_run);
}

TEST_CASE("usage errors exit 2 with a message", "[cli]") {
  auto unknown = parse({"frobnicate"});
  CHECK_FALSE(unknown.result.options);
  CHECK(unknown.result.exit_code == lsqm::exit_code::usage);
  CHECK_THAT(unknown.err, Contains("frobnicate"));

  CHECK(parse({}).result.exit_code == lsqm::exit_code::usage);
  CHECK(parse({"inject"}).result.exit_code == lsqm::exit_code::usage);
  CHECK(parse({"run", "--parallel", "many"}).result.exit_code == lsqm::exit_code::usage);
  CHECK(parse({"status", "--source", "/a"}).result.exit_code == lsqm::exit_code::usage);
  CHECK(parse({"run", "--no-such-flag"}).result.exit_code == lsqm::exit_code::usage);
}

TEST_CASE("lsqm --help lists every subcommand and exits 0", "[cli]") {
  auto ran = run_lsqm("--help");
  CHECK(ran.exit_code == 0);
  for (const auto& sub : lsqm::subcommands()) {
    INFO(sub.name);
    CHECK_THAT(ran.output, Contains(std::string(sub.name)) &&
                               Contains(std::string(sub.description)));
  }
  for (const char* flag : {"--config", "--verbose", "--dry-run", "--parallel",
                           "--localstack-version", "--version"})
    CHECK_THAT(ran.output, Contains(flag));
}

TEST_CASE("every subcommand has --help", "[cli]") {
  for (const auto& sub : lsqm::subcommands()) {
    auto p = parse({std::string(sub.name), "--help"});
    INFO(sub.name);
    CHECK_FALSE(p.result.options);
    CHECK(p.result.exit_code == 0);
    CHECK_THAT(p.out, Contains(std::string(sub.description)));
  }
  CHECK_THAT(parse({"mine", "--help"}).out, Contains("--source"));
}

TEST_CASE("the binary: version, unknown subcommand, not implemented, config errors", "[cli]") {
  auto version = run_lsqm("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.output == std::string("lsqm ") + LSQM_VERSION + "\n");

  auto unknown = run_lsqm("frobnicate");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Contains("unknown subcommand 'frobnicate'"));

  auto watch = run_lsqm("watch");
  CHECK(watch.exit_code == 4);
  CHECK_THAT(watch.output, Contains("lsqm watch: not implemented yet"));

  auto bad_env = run_lsqm("run", "LSQM_PARALLEL=abc");
  CHECK(bad_env.exit_code == 2);
  CHECK_THAT(bad_env.output,
             Contains("environment variable LSQM_PARALLEL: 'abc' is not an integer from 1 to 64"));

  auto missing = run_lsqm("--config /nonexistent/x.json status");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Contains("/nonexistent/x.json"));
}
