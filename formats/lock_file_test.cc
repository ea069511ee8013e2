#include "formats/lock_file.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("the lock file gives each provider's locked version by full address", "[hcl]") {
  auto versions = locked_provider_versions(R"(# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/evilcorp/aws" {
  version = "9.9.9"
}

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.100.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:abc=",
    "zh:def",
  ]
}
)");
  CHECK(versions == std::map<std::string, std::string>{{"registry.terraform.io/evilcorp/aws", "9.9.9"},
                                                      {"registry.terraform.io/hashicorp/aws", "5.100.0"}});
  CHECK(locked_provider_versions("provider \"x\" {").empty());
  CHECK(locked_provider_versions("").empty());
}
