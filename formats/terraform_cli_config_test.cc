#include "formats/terraform_cli_config.h"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;

TEST_CASE("the CLI config installs only allowlisted providers, by full address", "[cli_config]") {
  const std::string c = lsqm::terraform_cli_config("/opt/tf \"plugins\"");
  CHECK_THAT(c, Contains("filesystem_mirror {"));
  CHECK_THAT(c, Contains(R"(path    = "/opt/tf \"plugins\"")"));
  CHECK_THAT(c, Contains(R"("registry.terraform.io/hashicorp/aws")"));
  CHECK_THAT(c, Contains(R"("registry.terraform.io/hashicorp/tls")"));
  CHECK_THAT(c, !Contains("hashicorp/local"));
  CHECK_THAT(c, !Contains("direct"));
  CHECK_THAT(lsqm::terraform_cli_config(""), Contains("direct {"));
}
