#include "actors/validator/validation_job.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include "tests/moto.h"
#include "tests/test_support.h"

#include "adapters/emulator.h"
#include "adapters/process.h"
#include "adapters/provider_server.h"
#include "adapters/sandbox.h"
#include "adapters/terraform_mirror.h"

namespace fs = std::filesystem;
using lsqm::testing::TempDir;
using namespace std::chrono_literals;
using namespace lsqm;

namespace {

// A loopback listener that accepts connections and never answers: a hung emulator.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 64);
    thread_ = std::thread([this] {
      while (!stop_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) > 0) {
          int c = ::accept(fd_, nullptr, nullptr);
          if (c >= 0) held_.push_back(c);
        }
      }
    });
  }
  ~SilentListener() {
    stop_ = true;
    thread_.join();
    for (int c : held_) ::close(c);
    ::close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::vector<int> held_;
  std::thread thread_;
};

// moto_server for a validation: the shared test helper plus the slot it makes.
struct Moto : lsqm::testing::Moto {
  Slot slot() const { return {1, port, endpoint(), "moto_server", true, "", ""}; }
};

ValidationSettings settings_for(const fs::path& work_root) {
  ValidationSettings s;
  auto mirror = find_provider_mirror({"/opt"});
  if (mirror) s.plugin_dir = *mirror;
  s.work_root = work_root;
  s.step_timeout = 120s;
  s.test_timeout = 30s;
  return s;
}

Architecture bucket_architecture(const std::string& bucket) {
  Architecture a;
  a.hash = "hash-" + bucket;
  a.name = "one bucket";
  a.files["main.tf"] =
      "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n"
      "  backend \"s3\" {\n    bucket = \"remote-state\"\n    key = \"x\"\n    region = \"us-east-1\"\n  }\n}\n"
      "provider \"aws\" {\n  region  = \"us-east-1\"\n  profile = \"lsqm-it-profile\"\n}\n"
      "resource \"aws_s3_bucket\" \"b\" {\n  bucket        = \"" + bucket + "\"\n"
      "  force_destroy = true\n}\n"
      "output \"bucket_name\" {\n  value = aws_s3_bucket.b.bucket\n}\n";
  return a;
}

TestApp bucket_app() {
  TestApp app;
  app.files["conftest.py"] =
      "import json, os\nimport boto3, pytest\n\n"
      "@pytest.fixture\ndef s3():\n"
      "    return boto3.client('s3', endpoint_url=os.environ['AWS_ENDPOINT_URL'])\n\n"
      "@pytest.fixture\ndef outputs():\n"
      "    with open(os.environ['LSQM_TF_OUTPUTS']) as f:\n        return json.load(f)\n";
  app.files["test_app.py"] =
      "import json, os\n\n"
      "def test_put_get(s3, outputs):\n"
      "    name = outputs['bucket_name']['value']\n"
      "    s3.put_object(Bucket=name, Key='k', Body=b'v')\n"
      "    assert s3.get_object(Bucket=name, Key='k')['Body'].read() == b'v'\n\n"
      "def test_environment_is_scrubbed():\n"
      "    assert 'LSQM_IT_SECRET_CANARY' not in os.environ\n"
      "    assert os.environ['AWS_ACCESS_KEY_ID'] == 'test'\n"
      "    with open(os.environ['LSQM_TF_STATE']) as f:\n"
      "        assert 'aws_s3_bucket' in f.read()\n";
  return app;
}

// A loopback proxy in front of an emulator that answers some requests with 503 itself: the first
// `first_failures`, then every `every`-th one.
class FlakyProxy {
 public:
  FlakyProxy(int upstream_port, int first_failures, int every) : upstream_(upstream_port) {
    // Route handlers, not a pre-routing one: only they see the request's body.
    auto handle = [=, this](const httplib::Request& req, httplib::Response& res) {
      const int n = ++requests_;
      if (n <= first_failures || n % every == 0) {
        ++failures_;
        res.status = 503;
        res.set_content("<Error><Code>ServiceUnavailable</Code><Message>try again</Message></Error>",
                        "application/xml");
      } else {
        forward(req, res);
      }
    };
    server_.Get(".*", handle).Put(".*", handle).Post(".*", handle).Delete(".*", handle);
    server_.Patch(".*", handle);  // HEAD goes to the Get handler
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(10ms);
  }
  ~FlakyProxy() {
    server_.stop();
    thread_.join();
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int failures() const { return failures_; }

 private:
  void forward(const httplib::Request& req, httplib::Response& res) {
    httplib::Client upstream("127.0.0.1", upstream_);
    httplib::Request out;
    out.method = req.method;
    out.path = req.target;
    out.body = req.body;
    for (const auto& [name, value] : req.headers)
      if (!hop_header(name)) out.headers.emplace(name, value);
    auto answer = upstream.send(out);
    if (!answer) {
      res.status = 502;
      return;
    }
    res.status = answer->status;
    for (const auto& [name, value] : answer->headers)
      if (!hop_header(name)) res.headers.emplace(name, value);
    res.body = answer->body;
  }
  static bool hop_header(const std::string& name) {
    for (const char* h : {"Content-Length", "Transfer-Encoding", "Connection", "REMOTE_ADDR",
                          "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT", "Keep-Alive", "Host",
                          "Expect"})
      if (::strcasecmp(name.c_str(), h) == 0) return true;
    return false;
  }

  int upstream_;
  int port_ = 0;
  std::atomic<int> requests_{0}, failures_{0};
  httplib::Server server_;
  std::thread thread_;
};

Architecture one_file_architecture(const std::string& name, const std::string& main_tf) {
  Architecture a;
  a.hash = "hash-" + name;
  a.name = name;
  a.files["main.tf"] =
      "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n" +
      main_tf;
  return a;
}

// No process has its working directory under `dir` any more (terraform, its provider).
bool no_process_under(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::error_code ec;
    auto cwd = fs::read_symlink(entry.path() / "cwd", ec);
    if (!ec && cwd.string().rfind(dir.string(), 0) == 0) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("run_validation: an emulator slot that is not ready is ERROR at start",
          "[validator]") {
  TempDir work;
  Slot slot{3, 1, "http://127.0.0.1:1", "moto_server", false, "not ready after 30 s",
            "Traceback: port in use"};
  auto r = run_validation(bucket_architecture("x"), bucket_app(), slot, settings_for(work.path));
  CHECK(r.status == Status::ERROR);
  CHECK(r.stage == "start");
  CHECK(r.error.type == "emulator_not_ready");
  CHECK(r.error.message == "not ready after 30 s");
  CHECK(r.container_logs == "Traceback: port in use");
  CHECK(work.empty());
}

TEST_CASE("run_validation: a path escaping the work dir is refused", "[validator]") {
  TempDir work;
  auto arch = bucket_architecture("x");
  arch.files["../../escape.tf"] = "# nope";
  Slot slot{1, 1, "http://127.0.0.1:1", "moto_server", true, "", ""};
  auto r = run_validation(arch, bucket_app(), slot, settings_for(work.path));
  CHECK(r.status == Status::ERROR);
  CHECK(r.error.message.find("escape.tf") != std::string::npos);
  CHECK(work.empty());
}

TEST_CASE("run_validation: one bucket and its app pass against moto", "[validator][terraform]") {
  Moto moto;
  TempDir work;
  ::setenv("LSQM_IT_SECRET_CANARY", "leak", 1);
  auto r = run_validation(bucket_architecture("lsqm-it-bucket"), bucket_app(), moto.slot(),
                          settings_for(work.path));
  ::unsetenv("LSQM_IT_SECRET_CANARY");
  INFO(r.terraform_output << "\n----\n" << r.pytest_output);
  CHECK(r.status == Status::PASSED);
  CHECK(r.stage == "destroy");
  CHECK(r.tests_total == 2);
  CHECK(r.tests_passed == 2);
  CHECK(r.tests_failed == 0);
  CHECK(r.error.type.empty());
  CHECK(r.failed_operations.empty());
  CHECK(r.provider_version == "5.100.0");
  CHECK(r.terraform_output.find("Apply complete") != std::string::npos);
  CHECK(r.terraform_output.find("Destroy complete") != std::string::npos);
  CHECK(r.duration_s > 0);
  CHECK(work.empty());
  // destroy really ran against the emulator: the bucket is gone
  auto buckets = http_get(moto.endpoint() + "/", 5s).body;  // S3 ListBuckets
  CHECK_THAT(buckets, Catch::Contains("ListAllMyBucketsResult") &&
                          !Catch::Contains("lsqm-it-bucket"));
}

TEST_CASE("run_validation: broken Terraform is ERROR at init, never FAILED",
          "[validator][terraform]") {
  TempDir work;
  Architecture arch;
  arch.hash = "broken";
  arch.files["main.tf"] = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n";
  Slot slot{1, 1, "http://127.0.0.1:1", "moto_server", true, "", ""};
  auto r = run_validation(arch, bucket_app(), slot, settings_for(work.path));
  INFO(r.terraform_output);
  CHECK(r.status == Status::ERROR);
  CHECK(r.stage == "init");
  CHECK(r.error.type == "invalid_configuration");
  CHECK(r.terraform_output.find("$ terraform destroy") == std::string::npos);
  CHECK(work.empty());
}

TEST_CASE("run_validation: a hung emulator is TIMEOUT and leaves no process behind",
          "[validator][terraform]") {
  SilentListener hung;
  TempDir work;
  auto settings = settings_for(work.path);
  settings.step_timeout = 5s;
  Slot slot{1, hung.port(), "http://127.0.0.1:" + std::to_string(hung.port()), "moto_server",
            true, "", ""};
  auto start = std::chrono::steady_clock::now();
  auto r = run_validation(bucket_architecture("lsqm-hung-bucket"), bucket_app(), slot, settings);
  INFO(r.terraform_output);
  CHECK(r.status == Status::TIMEOUT);
  CHECK(r.stage == "apply");
  CHECK(r.terraform_output.find("killed on timeout") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - start < 40s);
  CHECK(work.empty());
  std::this_thread::sleep_for(200ms);
  CHECK(no_process_under(work.path));
}

TEST_CASE("run_validation: the slot's provider serves a plain architecture; one pinned elsewhere "
          "starts its own",
          "[validator][terraform]") {
  Moto moto;
  TempDir work, provider_dir;
  auto mirror = find_provider_mirror({"/opt"});
  REQUIRE(mirror);
  auto binary = find_aws_provider_binary(*mirror);
  REQUIRE(binary);
  auto provider = ProviderServer::start({*binary, provider_dir.path / "p", provider_dir.path, {}},
                                        moto.endpoint(), moto.port);
  for (int i = 0; i < 300 && provider->reattach().empty() && provider->running(); ++i)
    std::this_thread::sleep_for(100ms);
  INFO(provider->logs());
  REQUIRE_FALSE(provider->reattach().empty());
  Slot slot = moto.slot();
  slot.provider_reattach = provider->reattach();
  slot.provider_version = provider->version();

  auto r = run_validation(bucket_architecture("lsqm-shared-provider"), bucket_app(), slot,
                          settings_for(work.path));
  INFO(r.terraform_output << "\n----\n" << r.pytest_output);
  CHECK(r.status == Status::PASSED);
  CHECK(r.provider_version == binary->version);
  CHECK_THAT(r.terraform_output, Catch::Contains("uses the slot's AWS provider"));
  CHECK(provider->running());  // it outlives the validation, for the slot's next one
  auto buckets = http_get(moto.endpoint() + "/", 5s).body;  // destroyed through it, too
  CHECK_THAT(buckets, Catch::Contains("ListAllMyBucketsResult") &&
                          !Catch::Contains("lsqm-shared-provider"));

  // An architecture asking for a version the slot does not serve is not given it: on a
  // mirror without that version, that is "provider unavailable", not a false verdict.
  auto old = bucket_architecture("lsqm-old-provider");
  old.files["main.tf"].replace(old.files["main.tf"].find("source = \"hashicorp/aws\""), 24,
                               "source = \"hashicorp/aws\", version = \"~> 3.27\"");
  auto own = run_validation(old, bucket_app(), slot, settings_for(work.path));
  INFO(own.terraform_output);
  CHECK(own.status == Status::ERROR);
  CHECK(own.error.type == "provider_unavailable");
  CHECK_THAT(own.terraform_output, Catch::Contains("starts its own AWS provider") &&
                                       Catch::Contains("~> 3.27"));
  CHECK(work.empty());

  provider->stop();
  CHECK_FALSE(provider->running());
  CHECK_FALSE(fs::exists(provider_dir.path / "p"));  // its socket went with it
}

namespace {

// Entries of this process's own environment block that a job's scrubbed environment never
// holds ("HOME=/root", "PWD=…"): finding one anywhere means lsqm's environment was readable.
std::vector<std::string> own_environment_markers() {
  static const char* job_keys[] = {"PATH=", "HOME=", "AWS_", "TF_", "CHECKPOINT_", "PYTHON", "LSQM_"};
  std::ifstream in("/proc/self/environ", std::ios::binary);
  std::vector<std::string> out;
  for (std::string entry; std::getline(in, entry, '\0');) {
    bool job_key = false;
    for (const char* k : job_keys) job_key = job_key || entry.starts_with(k);
    if (!job_key && entry.find('=') != std::string::npos && entry.size() > 8) out.push_back(entry);
  }
  return out;
}

const std::vector<std::pair<std::string, std::string>> kCanarySecrets = {
    {"GITHUB_TOKEN", "ghp_lsqmSandboxCanary0001"},
    {"ANTHROPIC_API_KEY", "sk-ant-lsqmSandboxCanary0002"},
    {"SLACK_WEBHOOK_URL", "https://hooks.slack.test/lsqmSandboxCanary0003"}};

std::string py(const nlohmann::json& j) {
  return j.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}

// A unit that, through a provisioner and a function, reads lsqm's environment and writes
// where it must not.
Architecture stealing_architecture(const fs::path& data_dir, const fs::path& outside) {
  Architecture a = bucket_architecture("lsqm-sandbox-bucket");
  const std::string me = std::to_string(::getpid());
  a.files["steal.tf"] =
      "resource \"terraform_data\" \"steal\" {\n  provisioner \"local-exec\" {\n"
      "    command = \"cat /proc/" + me + "/environ /proc/$PPID/environ /proc/1/environ | tr '\\\\000' '\\\\n';"
      " (echo PWNED > " + (outside / "tf-pwned").string() + "); (echo PWNED >> " +
      (data_dir / "secret.txt").string() +
      "); for fd in $(seq 3 40); do (echo PWNED >&$fd) 2>/dev/null; done; true\"\n  }\n}\n"
      "output \"leak\" {\n  value = try(filebase64(\"/proc/" + me + "/environ\"), \"unreadable\")\n}\n";
  return a;
}

// The generated test that hunts for secrets and tries to write outside its temp dir.
TestApp stealing_app(const fs::path& data_dir, const fs::path& outside) {
  TestApp app = bucket_app();
  nlohmann::json secrets = nlohmann::json::array();
  for (auto& [name, value] : kCanarySecrets) secrets.push_back(value);
  const char* home = std::getenv("HOME");
  app.files["test_steal.py"] =
      "import glob, os\n\n"
      "MARKERS = " + py(own_environment_markers()) + " + " + py(secrets) + "\n"
      "DATA_DIR = " + py(data_dir.string()) + "\nOUTSIDE = " + py(outside.string()) + "\n"
      "LSQM_HOME = " + py(home ? home : "/root") + "\nLSQM_PID = " + std::to_string(::getpid()) + "\n\n"
      "def found_secrets():\n"
      "    found = []\n"
      "    paths = glob.glob('/proc/*/environ') + ['/proc/%d/environ' % os.getppid(),\n"
      "             '/proc/1/environ', '/proc/%d/environ' % LSQM_PID]\n"
      "    for path in paths:\n"
      "        try:\n            data = open(path, 'rb').read()\n"
      "        except OSError:\n            continue\n"
      "        found += [(path, m) for m in MARKERS if m.encode() in data]\n"
      "    found += [('env', k) for k, v in os.environ.items() for m in MARKERS if m in v]\n"
      "    return found\n\n"
      "def test_no_secret_anywhere():\n    assert found_secrets() == []\n\n"
      "def test_lsqm_places_hidden():\n"
      "    assert not os.path.exists(os.path.join(DATA_DIR, 'secret.txt'))\n"
      "    assert [n for n in os.listdir(LSQM_HOME) if n != '.pyenv'] == []\n\n"
      "def test_try_writing_outside():\n"
      "    for path in [os.path.join(OUTSIDE, 'py-pwned'), os.path.join(DATA_DIR, 'py-pwned'),\n"
      "                 os.path.join(LSQM_HOME, 'py-pwned')]:\n"
      "        try:\n"
      "            os.makedirs(os.path.dirname(path), exist_ok=True)\n"
      "            open(path, 'w').write('PWNED')\n"
      "        except OSError:\n            pass\n"
      "    for fd in range(3, 64):\n"
      "        try:\n            link = os.readlink('/proc/self/fd/%d' % fd)\n"
      "        except OSError:\n            continue\n"
      "        if 'inherited' in link:\n            os.write(fd, b'PWNED')\n";
  return app;
}

std::string file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("run_validation in the sandbox: terraform, its provisioners, the provider, pytest and "
          "the emulator find no secret and cannot write outside their temp dir",
          "[validator][terraform][sandbox]") {
  REQUIRE(sandbox_support().available);
  TempDir data("data"), outside("outside");
  std::ofstream(data.path / "secret.txt") << "DATA-DIR-CANARY";
  fs::create_directories(data.path / "logs");
  const auto box = untrusted_code_sandbox(data.path);
  for (auto& [name, value] : kCanarySecrets) ::setenv(name.c_str(), value.c_str(), 1);
  // Like lsqm's own log file: a descriptor without O_CLOEXEC.
  const int inherited = ::open((outside.path / "inherited.log").c_str(),
                               O_WRONLY | O_CREAT | O_APPEND, 0600);
  REQUIRE(inherited > 2);

  EmulatorSpec es;
  es.command = "moto_server -H 127.0.0.1 -p {port}";
  es.log_dir = data.path / "logs";
  es.sandbox = box;
  auto emulator = EmulatorProcess::start(es, find_free_port());
  for (int i = 0; i < 300 && !emulator->ready() && emulator->running(); ++i)
    std::this_thread::sleep_for(100ms);
  INFO(emulator->logs());
  REQUIRE(emulator->ready());
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(emulator->port());

  auto binary = find_aws_provider_binary(*find_provider_mirror({"/opt"}));
  REQUIRE(binary);
  auto provider_box = box;  // as pool_settings makes it: the jobs' profile files readable
  provider_box.readable.push_back(data.path / "work");
  auto provider = ProviderServer::start(
      {*binary, data.path / "work" / "providers", data.path / "logs", {}, provider_box}, endpoint,
      emulator->port());
  for (int i = 0; i < 300 && provider->reattach().empty() && provider->running(); ++i)
    std::this_thread::sleep_for(100ms);
  INFO(provider->logs());
  REQUIRE_FALSE(provider->reattach().empty());
  Slot slot{1, emulator->port(), endpoint, "moto_server", true, "", "", provider->reattach(),
            provider->version()};

  auto settings = settings_for(data.path / "work");  // the temp dir under the hidden data dir
  settings.sandbox = box;
  auto r = run_validation(stealing_architecture(data.path, outside.path),
                          stealing_app(data.path, outside.path), slot, settings);
  ::close(inherited);
  for (auto& [name, value] : kCanarySecrets) ::unsetenv(name.c_str());
  INFO(r.terraform_output << "\n----\n" << r.pytest_output);
  CHECK_THAT(r.terraform_output, Catch::Contains("uses the slot's AWS provider"));
  CHECK(r.status == Status::PASSED);  // the app asserts it found nothing
  CHECK(r.tests_passed == 5);
  CHECK_THAT(r.terraform_output, Catch::Contains("leak = \"unreadable\""));
  for (const auto& marker : own_environment_markers()) {
    CHECK(r.terraform_output.find(marker) == std::string::npos);
    CHECK(r.pytest_output.find(marker) == std::string::npos);
  }
  CHECK(file_text(outside.path / "inherited.log").empty());
  CHECK(file_text(data.path / "secret.txt") == "DATA-DIR-CANARY");
  for (const char* name : {"tf-pwned", "py-pwned"}) CHECK_FALSE(fs::exists(outside.path / name));
  CHECK_FALSE(fs::exists(data.path / "py-pwned"));
  CHECK(provider->running());
  CHECK(emulator->running());

  // The slot's provider gone: terraform (told Pid 1, its sandbox's init) says so, and lives.
  provider->stop();
  auto lost = run_validation(bucket_architecture("lsqm-lost-provider"), bucket_app(), slot, settings);
  INFO(lost.terraform_output);
  CHECK(lost.status == Status::ERROR);
  CHECK(lost.error.type == "shared_provider_lost");
}

TEST_CASE("run_validation: terraform installs only allowlisted providers, by full address",
          "[validator][terraform][sandbox]") {
  TempDir work, mirror;
  // A mirror that holds files under the refused names: terraform must not even look.
  auto real = find_provider_mirror({"/opt"});
  REQUIRE(real);
  fs::create_directories(mirror.path / "registry.terraform.io" / "hashicorp");
  fs::create_directory_symlink(*real / "registry.terraform.io" / "hashicorp" / "aws",
                               mirror.path / "registry.terraform.io" / "hashicorp" / "aws");
  for (const char* fake : {"hashicorp/local/2.5.0/linux_amd64/terraform-provider-local_v2.5.0",
                           "evilcorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0"}) {
    const fs::path p = mirror.path / "registry.terraform.io" / fake;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "#!/bin/sh\ntouch " << (work.path / "ran").string() << "\n";
    fs::permissions(p, fs::perms::owner_all);
  }
  auto settings = settings_for(work.path / "w");
  settings.plugin_dir = mirror.path;
  Slot slot{1, 1, "http://127.0.0.1:1", "moto_server", true, "", ""};
  for (const char* source : {"hashicorp/local", "evilcorp/aws"}) {
    Architecture a;
    a.hash = source;
    a.files["main.tf"] = std::string("terraform {\n  required_providers {\n    x = { source = \"") +
                         source + "\" }\n  }\n}\n";
    auto r = run_validation(a, bucket_app(), slot, settings);
    INFO(r.terraform_output);
    CHECK(r.status == Status::ERROR);
    CHECK(r.error.type == "provider_unavailable");
    CHECK_THAT(r.error.message, Catch::Contains(source));
  }
  CHECK_FALSE(fs::exists(work.path / "ran"));
}

TEST_CASE("run_validation: an emulator killed before destroy is ERROR, not PARTIAL",
          "[validator][terraform]") {
  Moto moto;
  TempDir work;
  TestApp app = bucket_app();
  // Runs last (pytest orders files by name): the tests passed, then the emulator dies.
  app.files["test_zz_kill.py"] = "import os, signal\n\ndef test_kill_emulator():\n"
                                 "    os.kill(" + std::to_string(moto.child->pid()) + ", signal.SIGKILL)\n";
  auto settings = settings_for(work.path);
  settings.step_timeout = 60s;
  auto r = run_validation(bucket_architecture("lsqm-killed-emulator"), app, moto.slot(), settings);
  INFO(r.terraform_output << "\n----\n" << r.pytest_output);
  CHECK(r.tests_passed == 3);
  CHECK(r.status == Status::ERROR);
  CHECK(r.stage == "destroy");
  CHECK(r.error.type == "emulator_died");
}

TEST_CASE("run_validation: a huge JUnit report is an ERROR with the reason, never read whole",
          "[validator][terraform]") {
  SilentListener emulator;  // alive: it accepts connections
  TempDir work;
  Architecture a;
  a.hash = "no-resources";
  a.files["main.tf"] = "output \"x\" {\n  value = \"y\"\n}\n";
  TestApp app;
  app.files["test_big.py"] = "def test_big():\n    assert False, 'x' * (9 * 1024 * 1024)\n";
  Slot slot{1, emulator.port(), "http://127.0.0.1:" + std::to_string(emulator.port()),
            "moto_server", true, "", ""};
  auto r = run_validation(a, app, slot, settings_for(work.path));
  INFO(r.terraform_output.substr(0, 4000));
  CHECK(r.status == Status::ERROR);
  CHECK(r.stage == "test");
  CHECK(r.error.type == "junit_unreadable");
  CHECK(r.pytest_output.size() <= kMaxResultOutput + 200);
  CHECK(work.empty());
}

TEST_CASE("run_validation: an example calling ../../ runs in its directory, with its inputs",
          "[validator][terraform][units]") {
  Moto moto;
  TempDir work;
  Architecture arch;
  arch.hash = "feedface0123456789";
  arch.name = "examples/a";
  arch.root_dir = "examples/a";
  arch.files["main.tf"] =
      "variable \"bucket_name\" {\n  type = string\n}\n"
      "resource \"aws_s3_bucket\" \"b\" {\n  bucket        = var.bucket_name\n  force_destroy = true\n}\n"
      "output \"bucket_name\" {\n  value = aws_s3_bucket.b.bucket\n}\n";
  arch.files["examples/a/main.tf"] =
      "terraform {\n  required_providers {\n    aws = { source = \"hashicorp/aws\" }\n  }\n}\n"
      "provider \"aws\" {\n  region = var.region\n}\n"
      "variable \"region\" {\n  type = string\n}\n"
      "variable \"name\" {\n  type = string\n}\n"
      "module \"bucket\" {\n  source      = \"../../\"\n  bucket_name = var.name\n}\n"
      "output \"bucket_name\" {\n  value = module.bucket.bucket_name\n}\n"
      "output \"region\" {\n  value = var.region\n}\n";
  TestApp app;
  app.files["test_app.py"] =
      "import json, os\nimport boto3\n\n"
      "def test_bucket_named_by_lsqm_in_the_region():\n"
      "    with open(os.environ['LSQM_TF_OUTPUTS']) as f:\n        out = json.load(f)\n"
      "    assert out['bucket_name']['value'] == 'lsqm-feedface'\n"
      "    assert out['region']['value'] == 'us-east-1'\n"
      "    s3 = boto3.client('s3', endpoint_url=os.environ['AWS_ENDPOINT_URL'])\n"
      "    s3.head_bucket(Bucket='lsqm-feedface')\n";
  auto r = run_validation(arch, app, moto.slot(), settings_for(work.path));
  INFO(r.terraform_output << "\n----\n" << r.pytest_output);
  CHECK(r.status == Status::PASSED);
  CHECK(r.tests_passed == 1);
  CHECK_THAT(r.terraform_output, Catch::Contains("lsqm.auto.tfvars") &&
                                     Catch::Contains("name = \"lsqm-feedface\"") &&
                                     Catch::Contains("region = \"us-east-1\""));
  CHECK(work.empty());
}

TEST_CASE("run_validation: a root module directory outside the work dir is refused", "[validator][units]") {
  TempDir work;
  auto arch = bucket_architecture("x");
  arch.root_dir = "../..";
  Slot slot{1, 1, "http://127.0.0.1:1", "moto_server", true, "", ""};
  auto r = run_validation(arch, bucket_app(), slot, settings_for(work.path));
  CHECK(r.status == Status::ERROR);
  CHECK_THAT(r.error.message, Catch::Contains("root module directory outside"));
  CHECK(work.empty());
}

TEST_CASE("run_validation: terraform stopping before any AWS call is ERROR with its cause",
          "[validator][terraform][causes]") {
  Moto moto;
  TempDir work;
  const std::pair<Architecture, const char*> cases[] = {
      // Not name-like, so lsqm has no honest value for it (formats/terraform_inputs.h).
      {one_file_architecture("needs input", "variable \"dead_letter_arn\" { type = string }\n"
                                            "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n"
                                            "  tags = { dlq = var.dead_letter_arn }\n}\n"),
       "needs_input"},
      // aws provider 6 syntax: a per-resource region, run with 5.100.0.
      {one_file_architecture("provider 6", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b6\"\n"
                                           "  region = \"us-west-2\"\n}\n"),
       "provider_version_mismatch"},
      {one_file_architecture("local module", "module \"x\" { source = \"../../modules/x\" }\n"),
       "module_unavailable"},
  };
  for (const auto& [arch, cause] : cases) {
    auto r = run_validation(arch, bucket_app(), moto.slot(), settings_for(work.path));
    INFO(arch.name << "\n" << r.terraform_output);
    CHECK(r.status == Status::ERROR);
    CHECK(r.error.type == cause);
    CHECK(r.failed_operations.empty());
  }
  CHECK(work.empty());
}

TEST_CASE("run_validation: the emulator's 500 on a call is FAILED naming the operation",
          "[validator][terraform][causes]") {
  Moto moto;
  TempDir work;
  // moto answers ValidateStateMachineDefinition, which the provider calls while planning, 500.
  auto arch = one_file_architecture(
      "state machine",
      "resource \"aws_iam_role\" \"r\" {\n  name = \"sfn\"\n  assume_role_policy = jsonencode({\n"
      "    Version = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = "
      "\"sts:AssumeRole\", Principal = { Service = \"states.amazonaws.com\" } }]\n  })\n}\n"
      "resource \"aws_sfn_state_machine\" \"m\" {\n  name = \"m\"\n  role_arn = aws_iam_role.r.arn\n"
      "  definition = jsonencode({ StartAt = \"A\", States = { A = { Type = \"Pass\", End = true } } })\n}\n");
  auto r = run_validation(arch, bucket_app(), moto.slot(), settings_for(work.path));
  INFO(r.terraform_output);
  CHECK(r.status == Status::FAILED);
  CHECK(r.stage == "apply");
  CHECK(r.failed_operations ==
        std::vector<std::string>{"states:ValidateStateMachineDefinition HTTP 500"});
  CHECK_THAT(r.terraform_output, !Catch::Contains("again in"));  // a 500 is an answer
  CHECK_FALSE(r.only_transient);  // so no second run is asked for it
}

TEST_CASE("run_validation: 503s from the emulator are retried, not a verdict",
          "[validator][terraform][transient]") {
  Moto moto;
  TempDir work;
  // Enough 503s in a row at the start to exhaust terraform's own retries, then one in four.
  FlakyProxy proxy(moto.port, 6, 4);
  Slot slot = moto.slot();
  slot.endpoint = proxy.endpoint();
  auto settings = settings_for(work.path);
  settings.transient_backoff = 500ms;
  auto r = run_validation(bucket_architecture("lsqm-flaky"), bucket_app(), slot, settings);
  INFO(r.terraform_output << "\n----\n" << r.pytest_output);
  CHECK(proxy.failures() > 6);
  CHECK_THAT(r.terraform_output, Catch::Contains("only transient failures: running apply again"));
  CHECK(r.status == Status::PASSED);
  CHECK(r.failed_operations.empty());
}

TEST_CASE("run_validation: a failure on nothing but 503s says so, for the run to ask again",
          "[validator][terraform][transient]") {
  Moto moto;
  TempDir work;
  FlakyProxy proxy(moto.port, 1 << 20, 1);  // every request: 503
  Slot slot = moto.slot();
  slot.endpoint = proxy.endpoint();
  auto settings = settings_for(work.path);
  settings.transient_retries = 0;
  auto r = run_validation(bucket_architecture("lsqm-unavailable"), bucket_app(), slot, settings);
  INFO(r.terraform_output);
  CHECK(r.status == Status::FAILED);
  CHECK(r.only_transient);
  REQUIRE_FALSE(r.failed_operations.empty());
  CHECK_THAT(r.failed_operations[0], Catch::Contains("HTTP 503"));
}

TEST_CASE("run_validation: pin:auto runs the newest provider in the mirror when none fits, and "
          "says so",
          "[validator][terraform][pin]") {
  Moto moto;
  TempDir work;
  auto old = bucket_architecture("lsqm-pin-auto");
  old.files["main.tf"].replace(old.files["main.tf"].find("source = \"hashicorp/aws\""), 24,
                               "source = \"hashicorp/aws\", version = \"~> 3.27\"");
  auto settings = settings_for(work.path);
  settings.pin_aws_version = "auto";
  auto r = run_validation(old, bucket_app(), moto.slot(), settings);
  INFO(r.terraform_output);
  CHECK(r.status == Status::PASSED);  // as-declared, this is provider_unavailable
  CHECK(r.provider_version == "5.100.0");
  CHECK_THAT(r.terraform_output,
             Catch::Contains("pin:auto: aws provider 5.100.0: none in the mirror satisfies"));
}
