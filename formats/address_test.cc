#include <catch2/catch.hpp>

#include "formats/module_source.h"
#include "formats/provider_address.h"
#include "formats/utf8.h"

using namespace lsqm;

TEST_CASE("provider sources normalize to full addresses", "[hcl]") {
  const std::string aws = "registry.terraform.io/hashicorp/aws";
  CHECK(provider_address("aws") == aws);
  CHECK(provider_address("hashicorp/aws") == aws);
  CHECK(provider_address("Registry.Terraform.io/HashiCorp/AWS") == aws);
  CHECK(provider_address("evilcorp/aws") == "registry.terraform.io/evilcorp/aws");
  CHECK(provider_address("example.com/hashicorp/aws") == "example.com/hashicorp/aws");
  CHECK_FALSE(provider_address(""));
  CHECK_FALSE(provider_address("a/b/c/d"));
  CHECK_FALSE(provider_address("hashicorp//aws"));
  CHECK_FALSE(provider_address("hashi corp/aws"));
}

TEST_CASE("module sources: relative, registry, or refused", "[hcl]") {
  CHECK(classify_module_source("./modules/q").kind == ModuleSourceKind::local_path);
  CHECK(classify_module_source("../shared").kind == ModuleSourceKind::local_path);
  CHECK(classify_module_source("terraform-aws-modules/vpc/aws").kind == ModuleSourceKind::registry);
  CHECK(classify_module_source("registry.terraform.io/terraform-aws-modules/vpc/aws").kind ==
        ModuleSourceKind::registry);
  for (auto bad : {"/etc/x", "git::https://example.com/x.git", "github.com/org/repo",
                   "s3::https://b.s3.amazonaws.com/m.zip", "https://example.com/m.zip",
                   "terraform-aws-modules/vpc/aws//modules/x", "./m//sub", "example.com/ns/name/aws",
                   "hg::http://x", "git@github.com:org/repo.git", "", "~/m", "C:\\m"}) {
    INFO(bad);
    auto c = classify_module_source(bad);
    CHECK(c.kind == ModuleSourceKind::refused);
    CHECK_FALSE(c.reason.empty());
  }
  CHECK(resolve_module_dir("", "./a/b") == std::optional<std::string>("a/b/"));
  CHECK(resolve_module_dir("a/b/", "../c") == std::optional<std::string>("a/c/"));
  CHECK_FALSE(resolve_module_dir("a/", "../../x"));
  CHECK_FALSE(resolve_module_dir("", "./a/../../x"));
}

TEST_CASE("utf-8 checks and escaping of names from outside", "[hcl]") {
  CHECK(is_utf8_text("h\xc3\xa9llo"));
  CHECK_FALSE(is_utf8_text(std::string("a\0b", 3)));
  CHECK(escape_non_utf8("ok-\xff\xc3\xa9") == "ok-\\xFF\xc3\xa9");
  CHECK(escape_non_utf8(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(is_utf8_text(escape_non_utf8("\xc0\xaf\xed\xa0\x80")));
}
