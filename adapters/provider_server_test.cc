#include "adapters/provider_server.h"

#include <nlohmann/json.hpp>

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

TEST_CASE("reattach_value scans linearly, even a 60 KB token on one line", "[provider_server]") {
  const std::string line = "x TF_REATTACH_PROVIDERS='{\"a\":1}' y";
  CHECK(lsqm::reattach_value(line) == "{\"a\":1}");
  CHECK(lsqm::reattach_value("TF_REATTACH_PROVIDERS='{\"a\":1}") == "");
  CHECK(lsqm::reattach_value("TF_REATTACH_PROVIDERS='{oops\n}'") == "");
  const std::string huge = "TF_REATTACH_PROVIDERS='{" + std::string(60 * 1024, 'a') + "}'";
  CHECK(lsqm::reattach_value(huge).size() == 60 * 1024 + 2);
  CHECK(lsqm::reattach_value(std::string(100 * 1024, '{')).empty());
}

TEST_CASE("a reattach value for a sandboxed terraform points at the sandbox's init",
          "[provider_server]") {
  const std::string value =
      R"({"registry.terraform.io/hashicorp/aws":{"Protocol":"grpc","ProtocolVersion":5,"Pid":4242,)"
      R"("Test":true,"Addr":{"Network":"unix","String":"/w/providers/p/plugin123"}}})";
  auto j = nlohmann::json::parse(lsqm::reattach_in_sandbox(value));
  CHECK(j["registry.terraform.io/hashicorp/aws"]["Pid"] == 1);
  CHECK(j["registry.terraform.io/hashicorp/aws"]["Addr"]["String"] == "/w/providers/p/plugin123");
  CHECK(lsqm::reattach_socket_dirs(value) == std::vector<std::filesystem::path>{"/w/providers/p"});
  CHECK(lsqm::reattach_in_sandbox("not json").empty());
  CHECK(lsqm::reattach_socket_dirs("[1]").empty());
}
