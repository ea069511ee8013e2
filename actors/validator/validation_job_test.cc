#include "actors/validator/validation_job.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/moto.h"
#include "tests/test_support.h"

#include "adapters/process.h"
#include "adapters/provider_server.h"
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

TEST_CASE("run_validation: broken Terraform is FAILED at init", "[validator][terraform]") {
  TempDir work;
  Architecture arch;
  arch.hash = "broken";
  arch.files["main.tf"] = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n";
  Slot slot{1, 1, "http://127.0.0.1:1", "moto_server", true, "", ""};
  auto r = run_validation(arch, bucket_app(), slot, settings_for(work.path));
  INFO(r.terraform_output);
  CHECK(r.status == Status::FAILED);
  CHECK(r.stage == "init");
  CHECK(r.error.type == "init_failed");
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
