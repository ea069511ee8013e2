#include "adapters/terraform_mirror.h"

#include <stdlib.h>

#include <fstream>

#include <catch2/catch.hpp>

#include "tests/test_support.h"

namespace fs = std::filesystem;
using lsqm::testing::TempDir;

TEST_CASE("find_provider_mirror finds the directory holding registry.terraform.io/hashicorp/aws",
          "[mirror]") {
  TempDir tmp;
  fs::path mirror = tmp.path / "a" / "b" / "plugins";
  fs::create_directories(mirror / "registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64");
  std::ofstream(mirror / "registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/"
                         "terraform-provider-aws_v5.100.0_x5")
      << "binary";
  fs::create_directories(tmp.path / "other" / "stuff");

  auto found = lsqm::find_provider_mirror({tmp.path / "missing", tmp.path});
  REQUIRE(found);
  CHECK(*found == mirror);
  CHECK(lsqm::find_provider_mirror({mirror}) == mirror);
}

TEST_CASE("find_provider_mirror respects its depth bound and skips missing roots", "[mirror]") {
  TempDir tmp;
  fs::path deep = tmp.path / "1" / "2" / "3" / "4" / "5";
  fs::create_directories(deep / "registry.terraform.io/hashicorp/aws/1.0.0");
  CHECK_FALSE(lsqm::find_provider_mirror({tmp.path}, 4));
  CHECK(lsqm::find_provider_mirror({tmp.path}, 5) == deep);
  CHECK_FALSE(lsqm::find_provider_mirror({tmp.path / "nope"}));
  CHECK_FALSE(lsqm::find_provider_mirror({}));
}

TEST_CASE("find_provider_mirror ignores an aws directory without versions", "[mirror]") {
  TempDir tmp;
  fs::create_directories(tmp.path / "registry.terraform.io/hashicorp/aws");
  CHECK_FALSE(lsqm::find_provider_mirror({tmp.path}));
}

TEST_CASE("find_provider_mirror finds this machine's mirror under /opt", "[mirror]") {
  if (!fs::exists("/opt/tf-plugins")) return;  // only where the machine has one
  auto found = lsqm::find_provider_mirror({"/opt"});
  REQUIRE(found);
  CHECK(fs::exists(*found / "registry.terraform.io/hashicorp/aws"));
}

TEST_CASE("find_aws_provider_binary picks the newest executable version, or the one asked for",
          "[mirror]") {
  TempDir tmp;
  auto aws = tmp.path / "registry.terraform.io/hashicorp/aws";
  auto put = [&](const std::string& version, bool executable) {
    auto exe = aws / version / "linux_amd64" / ("terraform-provider-aws_v" + version + "_x5");
    fs::create_directories(exe.parent_path());
    std::ofstream(exe) << "binary";
    if (executable) fs::permissions(exe, fs::perms::owner_exec, fs::perm_options::add);
    return exe;
  };
  put("5.9.0", true);
  auto newest = put("5.100.0", true);
  put("6.0.0", false);  // not executable: not a provider we can start
  fs::create_directories(aws / "7.0.0");  // no binary at all

  auto found = lsqm::find_aws_provider_binary(tmp.path);
  REQUIRE(found);
  CHECK(found->version == "5.100.0");
  CHECK(found->path == newest);
  auto pinned = lsqm::find_aws_provider_binary(tmp.path, "5.9.0");
  REQUIRE(pinned);
  CHECK(pinned->version == "5.9.0");
  CHECK_FALSE(lsqm::find_aws_provider_binary(tmp.path, "4.0.0"));
  CHECK_FALSE(lsqm::find_aws_provider_binary(tmp.path / "missing"));
}
