#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <random>

#include "adapters/local_source.h"

namespace fs = std::filesystem;
using namespace lsqm;

namespace {

// A fresh directory under the system temp dir, removed at scope exit.
struct TempTree {
  fs::path root;
  TempTree() {
    std::random_device rd;
    root = fs::temp_directory_path() / ("lsqm-source-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(root);
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void write(const std::string& rel, const std::string& content) const {
    auto p = root / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
  }
};

const char* bucket = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n";

}  // namespace

TEST_CASE("finds units by their aws resources, sorted, skipping ignored dirs", "[source]") {
  TempTree t;
  t.write("b-unit/main.tf", bucket);
  t.write("a-unit/nested/main.tf", bucket);
  t.write("a-unit/readme.md", "resource \"aws_s3_bucket\" \"not terraform\" {}");
  t.write("random-only/main.tf", "resource \"random_id\" \"r\" {}\n");
  t.write("commented/main.tf",
          "# resource \"aws_s3_bucket\" \"a\" {}\n// resource \"aws_sqs_queue\" \"q\" {}\n"
          "/*\nresource \"aws_sns_topic\" \"t\" {}\n*/\n");
  t.write("json-unit/main.tf.json", R"({"resource": {"aws_sqs_queue": {"q": {}}}})");
  t.write(".git/main.tf", bucket);
  t.write("x/.terraform/modules/m/main.tf", bucket);
  t.write("node_modules/pkg/main.tf", bucket);

  auto units = find_terraform_units(t.root);
  std::vector<fs::path> expected = {t.root / "a-unit/nested", t.root / "b-unit", t.root / "json-unit"};
  CHECK(units == expected);
}

TEST_CASE("the root itself can be a unit and depth is bounded", "[source]") {
  TempTree t;
  t.write("main.tf", bucket);
  t.write("1/2/3/main.tf", bucket);
  CHECK(find_terraform_units(t.root).size() == 2);
  auto shallow = find_terraform_units(t.root, 2);
  CHECK(shallow == std::vector<fs::path>{t.root});
}

TEST_CASE("directory symlinks out of the root are not followed", "[source]") {
  TempTree outside, t;
  outside.write("elsewhere/main.tf", bucket);
  t.write("real/main.tf", bucket);
  fs::create_directory_symlink(outside.root / "elsewhere", t.root / "link");
  fs::create_directory_symlink(t.root, t.root / "real" / "loop");
  auto units = find_terraform_units(t.root);
  CHECK(units == std::vector<fs::path>{t.root / "real"});
}

TEST_CASE("a missing root is an error, not a crash", "[source]") {
  CHECK_THROWS_AS(find_terraform_units("/nonexistent/lsqm/root"), SourceError);
  CHECK_THROWS_AS(read_unit_files("/nonexistent/lsqm/root"), SourceError);
}

TEST_CASE("reads a unit's files with relative paths and base64 for binaries", "[source]") {
  TempTree t;
  t.write("main.tf", bucket);
  t.write("vars.tfvars", "name = \"x\"\n");
  t.write("src/handler.py", "def handler(e, c):\n    return 'ü'\n");
  t.write("lambda.zip", std::string("PK\x03\x04\x00\xff", 6));
  t.write(".terraform.lock.hcl", "lock");
  t.write("terraform.tfstate", "{}");
  t.write(".terraform/providers/x", "binary");
  auto files = read_unit_files(t.root);
  CHECK(files.size() == 4);
  CHECK(files.at("main.tf") == bucket);
  CHECK(files.count("vars.tfvars") == 1);
  CHECK(files.at("src/handler.py").find("ü") != std::string::npos);
  CHECK(files.at("lambda.zip.b64") == "UEsDBAD/");
}

TEST_CASE("oversized files: others are left out, terraform files are an error", "[source]") {
  TempTree t;
  t.write("main.tf", bucket);
  t.write("big.bin", std::string(2000, 'x'));
  UnitLimits limits;
  limits.max_file_bytes = 1000;
  auto files = read_unit_files(t.root, limits);
  CHECK(files.size() == 1);
  t.write("big.tf", std::string(2000, ' '));
  CHECK_THROWS_AS(read_unit_files(t.root, limits), SourceError);
  limits.max_file_bytes = 1 << 20;
  limits.max_files = 2;
  CHECK_THROWS_AS(read_unit_files(t.root, limits), SourceError);
}

TEST_CASE("symlinked files are read only when they point inside the unit", "[source]") {
  TempTree outside, t;
  outside.write("secret.txt", "do not read");
  t.write("main.tf", bucket);
  t.write("data/inside.txt", "ok");
  fs::create_symlink(outside.root / "secret.txt", t.root / "secret.txt");
  fs::create_symlink(t.root / "data/inside.txt", t.root / "alias.txt");
  auto files = read_unit_files(t.root);
  CHECK(files.count("secret.txt") == 0);
  CHECK(files.at("alias.txt") == "ok");
}

TEST_CASE("utf-8 detection and base64", "[source]") {
  CHECK(is_utf8_text("plain ascii\n"));
  CHECK(is_utf8_text("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK_FALSE(is_utf8_text(std::string("a\0b", 3)));
  CHECK_FALSE(is_utf8_text("\xc3"));          // truncated
  CHECK_FALSE(is_utf8_text("\xc0\xaf"));      // overlong
  CHECK_FALSE(is_utf8_text("\xed\xa0\x80"));  // surrogate
  CHECK_FALSE(is_utf8_text("\xff"));
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 decoding inverts encoding and binary files come back under their name",
          "[source]") {
  for (std::string s : {std::string(""), std::string("a"), std::string("ab"), std::string("abc"),
                        std::string("PK\x03\x04\0\xff", 6)})
    CHECK(lsqm::base64_decode(lsqm::base64_encode(s)) == s);
  CHECK_THROWS_AS(lsqm::base64_decode("abc"), lsqm::SourceError);
  auto [name, content] = lsqm::stored_file_on_disk("pkg/hello.zip.b64", lsqm::base64_encode("zip!"));
  CHECK(name == "pkg/hello.zip");
  CHECK(content == "zip!");
  CHECK(lsqm::stored_file_on_disk("main.tf", "x").first == "main.tf");
}

TEST_CASE("a Terraform file that is not UTF-8 text is refused, never stored as base64",
          "[source][intake]") {
  for (auto [name, content] : std::vector<std::pair<std::string, std::string>>{
           {"main.tf", std::string("resource \"aws_s3_bucket\" \"b\" {}\n\0provisioner", 44)},
           {"main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n# \xff\xfe\n"},
           {"x.tf.json", "{\"resource\": {\"\xc0\xaf\": {}}}"},
           {"terraform.tfvars", std::string("a = \"\0\"", 7)},
       }) {
    TempTree t;
    t.write("ok.tf", bucket);
    t.write(name, content);
    INFO(name);
    try {
      read_unit_files(t.root);
      FAIL("read_unit_files accepted a binary " << name);
    } catch (const SourceError& e) {
      CHECK_THAT(e.what(), Catch::Contains(name + ": a Terraform file that is not UTF-8 text"));
    }
  }
}

TEST_CASE("a text file named .b64 is refused: it would be decoded into its base name",
          "[source][intake]") {
  TempTree t;
  t.write("main.tf", bucket);
  t.write("x.tf.b64", base64_encode("resource \"null_resource\" \"n\" {}\n"));
  CHECK_THROWS_WITH(read_unit_files(t.root), Catch::Contains("x.tf.b64: a text file named .b64"));
  TempTree binary;  // a real binary file that happens to end in .b64 travels as .b64.b64
  binary.write("main.tf", bucket);
  binary.write("blob.b64", std::string("\xff\x00", 2));
  CHECK(read_unit_files(binary.root).count("blob.b64.b64") == 1);
}

TEST_CASE("stored_file_on_disk never makes a Terraform file from a .b64", "[source][intake]") {
  for (auto name : {"x.tf.b64", "m/x.tf.json.b64", "terraform.tfvars.b64", "a.tfvars.json.b64",
                    ".terraformrc.b64", "sub/.terraform.lock.hcl.b64", ".b64"}) {
    INFO(name);
    CHECK_THROWS_AS(stored_file_on_disk(name, base64_encode("x")), SourceError);
  }
  CHECK(stored_file_on_disk("x.tf.txt.b64", base64_encode("x")).first == "x.tf.txt");
}

TEST_CASE("names that are not UTF-8 are refused with a printable reason", "[source][intake]") {
  TempTree t;
  t.write("main.tf", bucket);
  t.write("src/h\xff.py", "print(1)\n");
  try {
    read_unit_files(t.root);
    FAIL("accepted a file name that is not UTF-8");
  } catch (const SourceError& e) {
    CHECK_THAT(e.what(), Catch::Contains("file name is not UTF-8: src/h\\xFF.py"));
    CHECK(is_utf8_text(e.what()));
  }
  TempTree d;
  d.write("bad\xfe/main.tf", bucket);
  auto units = find_terraform_units(d.root);
  REQUIRE(units.size() == 1);
  CHECK_THROWS_WITH(read_unit_files(units[0]), Catch::Contains("directory name is not UTF-8") &&
                                                    Catch::Contains("bad\\xFE"));
}

TEST_CASE("an unreadable .tf still makes a unit, so its refusal is seen", "[source][intake]") {
  TempTree t;
  t.write("broken/main.tf", std::string("resource \"aws_s3_bucket\" \0", 26));
  t.write("fine/main.tf", "variable \"x\" {}\n");
  CHECK(find_terraform_units(t.root) == std::vector<fs::path>{t.root / "broken"});
  CHECK(declares_aws_resource_hcl(bucket));
  CHECK_FALSE(declares_aws_resource_hcl("# resource \"aws_s3_bucket\" \"b\" {}\n"));
  CHECK(declares_aws_resource_json(R"({"resource": {"aws_sqs_queue": {"q": {}}}})"));
  CHECK_FALSE(declares_aws_resource_json(R"({"resource": {"aws_sqs_queue": {}}, "resource": {}})"));
}

TEST_CASE("a module repository: exactly its examples are units, each with the files it needs",
          "[source][units]") {
  TempTree t;
  t.write("main.tf", "resource \"aws_sns_topic\" \"t\" {}\nmodule \"x\" {\n  source = \"./modules/x\"\n}\n");
  t.write("README.md", "# module\n");
  t.write("modules/x/main.tf", bucket);
  t.write("modules/x/src/handler.py", "def handler(e, c): pass\n");
  t.write("modules/unused/main.tf", bucket);
  t.write("examples/a/main.tf", "module \"sns\" {\n  source = \"../../\"\n}\n");
  t.write("examples/b/main.tf", "module \"x\" {\n  source = \"../../modules/x\"\n}\n");
  t.write("examples/b/terraform.tfvars", "name = \"b\"\n");

  auto tree = scan_source_tree(t.root);
  auto units = root_modules(tree);
  REQUIRE(units.size() == 3);  // modules/unused is called by no one: a root module of its own
  CHECK(units[0].dir == t.root / "examples/a");
  CHECK(units[1].dir == t.root / "examples/b");
  CHECK(units[2].dir == t.root / "modules/unused");
  CHECK(find_terraform_units(t.root) ==
        std::vector<fs::path>{t.root / "examples/a", t.root / "examples/b", t.root / "modules/unused"});

  auto a = read_unit(tree, units[0]);
  CHECK(units[0].layout.root_dir == "examples/a");
  std::vector<std::string> a_paths;
  for (auto& [path, content] : a) a_paths.push_back(path);
  CHECK(a_paths == std::vector<std::string>{"README.md", "examples/a/main.tf", "main.tf",
                                            "modules/x/main.tf", "modules/x/src/handler.py"});
  auto b = read_unit(tree, units[1]);
  std::vector<std::string> b_paths;
  for (auto& [path, content] : b) b_paths.push_back(path);
  CHECK(b_paths == std::vector<std::string>{"examples/b/main.tf", "examples/b/terraform.tfvars",
                                            "modules/x/main.tf", "modules/x/src/handler.py"});
  CHECK(units[1].layout.root_dir == "examples/b");
}

TEST_CASE("a unit and its local modules share one set of limits", "[source][units]") {
  TempTree t;
  t.write("examples/a/main.tf", "module \"m\" {\n  source = \"../../m\"\n}\n");
  t.write("m/main.tf", bucket);
  for (int i = 0; i < 5; ++i) t.write("m/src/f" + std::to_string(i) + ".py", "x\n");
  auto tree = scan_source_tree(t.root);
  auto units = root_modules(tree);
  REQUIRE(units.size() == 1);
  UnitLimits limits;
  limits.max_files = 6;
  CHECK_THROWS_AS(read_unit(tree, units[0], limits), SourceError);
  limits.max_files = 7;
  CHECK(read_unit(tree, units[0], limits).size() == 7);
}

TEST_CASE("a source of thousands of directories is read once, in linear time", "[source][units]") {
  TempTree t;
  t.write("lib/main.tf", bucket);
  for (int i = 0; i < 3000; ++i)
    t.write("examples/e" + std::to_string(i) + "/main.tf", "module \"lib\" {\n  source = \"../../lib\"\n}\n");
  auto start = std::chrono::steady_clock::now();
  auto tree = scan_source_tree(t.root);
  auto units = root_modules(tree);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(units.size() == 3000);  // lib is called: not a unit
  CHECK(units[0].layout.dirs == std::vector<std::string>{"examples/e0/", "lib/"});
}
