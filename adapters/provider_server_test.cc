#include "adapters/provider_server.h"

#include <catch2/catch.hpp>

TEST_CASE("reattach_value takes the JSON of the provider's TF_REATTACH_PROVIDERS line",
          "[provider_server]") {
  const std::string out =
      "Starting github.com/hashicorp/terraform-provider-aws@5.100.0...\n"
      "{\"@level\":\"debug\",\"@message\":\"plugin address\"}\n"
      "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment "
      "variable with the following:\n\n"
      "\tTF_REATTACH_PROVIDERS='{\"registry.terraform.io/hashicorp/aws\":{\"Protocol\":\"grpc\","
      "\"Pid\":30452,\"Addr\":{\"Network\":\"unix\",\"String\":\"/tmp/p/plugin1\"}}}'\n";
  CHECK(lsqm::reattach_value(out) ==
        "{\"registry.terraform.io/hashicorp/aws\":{\"Protocol\":\"grpc\",\"Pid\":30452,\"Addr\":"
        "{\"Network\":\"unix\",\"String\":\"/tmp/p/plugin1\"}}}");
  CHECK(lsqm::reattach_value("Starting github.com/hashicorp/terraform-provider-aws@5.100.0...\n")
            .empty());
  CHECK(lsqm::reattach_value("TF_REATTACH_PROVIDERS='{\"cut\":").empty());  // not yet whole
}
