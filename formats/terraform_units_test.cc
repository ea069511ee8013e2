#include <catch2/catch.hpp>

#include "formats/terraform_units.h"

using namespace lsqm;

namespace {

DirTerraform facts_of(const std::string& hcl_text) {
  DirTerraform d;
  note_terraform_file(hcl::parse(hcl_text), d);
  return d;
}

// Laid out like a module repository: the module at the root, a submodule, two examples.
std::map<std::string, DirTerraform> module_repository() {
  return {
      {"", facts_of("resource \"aws_sns_topic\" \"t\" {}\nmodule \"x\" {\n  source = \"./modules/x\"\n}\n")},
      {"modules/x/", facts_of("resource \"aws_sqs_queue\" \"q\" {}\n")},
      {"examples/a/", facts_of("module \"sns\" {\n  source = \"../../\"\n}\n")},
      {"examples/b/", facts_of("module \"x\" {\n  source = \"../../modules/x\"\n}\n"
                               "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n")},
      {"docs/", facts_of("variable \"only\" {}\n")},
  };
}

}  // namespace

TEST_CASE("a module repository's units are its examples, not the module nor its submodules",
          "[units]") {
  CHECK(root_module_dirs(module_repository()) == std::vector<std::string>{"examples/a/", "examples/b/"});
}

TEST_CASE("a directory nobody calls is a unit; a commented-out resource declares nothing",
          "[units]") {
  auto dirs = module_repository();
  dirs.erase("examples/a/");  // nobody calls the root any more
  CHECK(root_module_dirs(dirs) == std::vector<std::string>{"", "examples/b/"});
  CHECK_FALSE(facts_of("# resource \"aws_s3_bucket\" \"b\" {}\n").declares);
  CHECK(facts_of("resource \"aws_s3_bucket\" \"b\" {\n").declares);  // unreadable: refused later
}

TEST_CASE("a unit's layout holds its local modules transitively, from their common top",
          "[units]") {
  auto dirs = module_repository();
  auto a = unit_layout(dirs, "examples/a/");
  CHECK(a.dirs == std::vector<std::string>{"", "examples/a/", "modules/x/"});
  CHECK(a.top == "");
  CHECK(a.root_dir == "examples/a");
  auto b = unit_layout(dirs, "examples/b/");
  CHECK(b.dirs == std::vector<std::string>{"examples/b/", "modules/x/"});
  CHECK(b.top == "");
  CHECK(b.root_dir == "examples/b");
  dirs["svc/app/"] = facts_of("module \"m\" {\n  source = \"./m\"\n}\n");
  dirs["svc/app/m/"] = facts_of("module \"up\" {\n  source = \"../../lib\"\n}\n");
  dirs["svc/lib/"] = facts_of("resource \"aws_s3_bucket\" \"b\" {}\n");
  auto app = unit_layout(dirs, "svc/app/");
  CHECK(app.dirs == std::vector<std::string>{"svc/app/", "svc/app/m/", "svc/lib/"});
  CHECK(app.top == "svc/");
  CHECK(app.root_dir == "app");
}

TEST_CASE("a call leaving the source root, or a module calling itself, changes nothing",
          "[units]") {
  std::map<std::string, DirTerraform> dirs{
      {"", facts_of("module \"out\" {\n  source = \"../elsewhere\"\n}\n")},
      {"self/", facts_of("module \"me\" {\n  source = \"./\"\n}\n")},
  };
  CHECK(root_module_dirs(dirs) == std::vector<std::string>{"", "self/"});
  auto root = unit_layout(dirs, "");
  CHECK(root.dirs == std::vector<std::string>{""});
  CHECK(root.root_dir.empty());
}
