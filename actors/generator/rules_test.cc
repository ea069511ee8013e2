#include "actors/generator/rules.h"

#include <catch2/catch.hpp>

#include "adapters/atomic_file.h"
#include "adapters/process.h"
#include "adapters/python_check.h"
#include "tests/moto.h"

using namespace lsqm;

namespace {

Architecture arch_with(std::map<std::string, std::string> files) {
  Architecture a;
  a.name = "example";
  a.files = std::move(files);
  return a;
}

std::string declare(const std::string& type, const std::string& name) {
  return "resource \"" + type + "\" \"" + name + "\" {\n}\n";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("each known resource type gets its behaviour test", "[rules]") {
  const std::map<std::string, std::string> expected = {
      {"aws_s3_bucket", "def test_aws_s3_bucket_put_get_object(s3, res):"},
      {"aws_dynamodb_table", "def test_aws_dynamodb_table_put_get_item(dynamodb, res):"},
      {"aws_sqs_queue", "def test_aws_sqs_queue_send_receive(sqs, tf_state, res):"},
      {"aws_sns_topic", "def test_aws_sns_topic_attributes_and_publish(sns, res):"},
      {"aws_iam_role", "def test_aws_iam_role_get_role(iam, res):"},
      {"aws_lambda_function", "def test_aws_lambda_function_invoke(awslambda, res):"},
      {"aws_cloudwatch_log_group", "def test_aws_cloudwatch_log_group_describe_and_put_event("},
      {"aws_kms_key", "def test_aws_kms_key_describe_encrypt_decrypt(kms, res):"},
      {"aws_ssm_parameter", "def test_aws_ssm_parameter_value_matches(ssm, res):"},
      {"aws_secretsmanager_secret", "def test_aws_secretsmanager_secret_describe_and_get_value("},
      {"aws_cloudwatch_event_rule", "def test_aws_cloudwatch_event_rule_describe_rule(events, res):"},
  };
  for (const auto& [type, test] : expected) {
    INFO(type);
    auto app = generate_rule_app(arch_with({{"main.tf", declare(type, "this")}}), "us-east-1");
    const auto& tests = app.at("test_app.py");
    CHECK(contains(tests, test));
    CHECK(contains(tests, "deployed(\"" + type + "\"), ids=app.address)"));
    CHECK(contains(tests, "\"" + type + ".this\","));  // declared-resource test names it
    // Only that type's behaviour test: no other rule leaks in.
    CHECK_FALSE(contains(tests, type == "aws_s3_bucket" ? "test_aws_sqs_queue" : "test_aws_s3_bucket_"));
  }
}

TEST_CASE("a lambda function gets separate lookup and invoke tests", "[rules]") {
  auto app = generate_rule_app(arch_with({{"main.tf", declare("aws_lambda_function", "f")}}), "us-east-1");
  CHECK(contains(app.at("test_app.py"), "def test_aws_lambda_function_get_function(awslambda, res):"));
  CHECK(contains(app.at("test_app.py"), "def test_aws_lambda_function_invoke(awslambda, res):"));
}

TEST_CASE("the app has the four files and follows the environment contract", "[rules]") {
  auto app = generate_rule_app(arch_with({{"main.tf", declare("aws_s3_bucket", "b")}}), "eu-west-1");
  REQUIRE(app.size() == 4);
  CHECK(contains(app.at("conftest.py"), "os.environ.get(\"AWS_ENDPOINT_URL\""));
  CHECK(contains(app.at("conftest.py"), "DEFAULT_REGION = \"eu-west-1\""));
  CHECK(contains(app.at("conftest.py"), "app.load_json(\"LSQM_TF_STATE\")"));
  CHECK(contains(app.at("conftest.py"), "app.load_json(\"LSQM_TF_OUTPUTS\")"));
  CHECK(contains(app.at("conftest.py"), "def sqs():"));
  CHECK(contains(app.at("app.py"), "child_modules"));
  CHECK(contains(app.at("requirements.txt"), "boto3=="));
  CHECK(contains(app.at("requirements.txt"), "pytest=="));
}

TEST_CASE("output is deterministic and independent of file order", "[rules]") {
  auto a = arch_with({{"a.tf", declare("aws_sqs_queue", "q") + declare("aws_s3_bucket", "b")},
                      {"b.tf", declare("aws_kms_key", "k")}});
  auto b = arch_with({{"b.tf", declare("aws_kms_key", "k")},
                      {"a.tf", declare("aws_s3_bucket", "b") + declare("aws_sqs_queue", "q")}});
  CHECK(generate_rule_app(a, "us-east-1") == generate_rule_app(a, "us-east-1"));
  CHECK(generate_rule_app(a, "us-east-1") == generate_rule_app(b, "us-east-1"));
}

TEST_CASE("only .tf files are scanned for declarations", "[rules]") {
  auto a = arch_with({{"main.tf", declare("aws_s3_bucket", "b")},
                      {"README.md", declare("aws_sns_topic", "t")}});
  auto declared = declared_resources(a);
  REQUIRE(declared.size() == 1);
  CHECK(declared[0] == std::pair<std::string, std::string>{"aws_s3_bucket", "b"});
}

TEST_CASE("declarations come from the HCL reader: not comments, heredocs or odd names", "[rules]") {
  auto a = arch_with({{"main.tf", "# resource \"aws_sqs_queue\" \"c\" {}\n" + declare("aws_s3_bucket", "b") +
                                      "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = <<-EOF\n"
                                      "    resource \"aws_sns_topic\" \"h\" {}\n  EOF\n}\n" +
                                      declare("aws_kms_key", "k\\\"x") + declare("AWS_X", "y")},
                      {"x.tf.json", R"({"resource": {"aws_sqs_queue": {"j": {}}}})"}});
  auto declared = declared_resources(a);
  CHECK(declared == std::vector<std::pair<std::string, std::string>>{{"aws_iam_role", "r"}, {"aws_s3_bucket", "b"}});
}

TEST_CASE("an architecture of unknown types still gets a test", "[rules]") {
  auto app = generate_rule_app(arch_with({{"main.tf", declare("aws_eks_cluster", "main")}}), "us-east-1");
  const auto& tests = app.at("test_app.py");
  CHECK(contains(tests, "def test_terraform_state_lists_resources(tf_state):"));
  CHECK(contains(tests, "def test_declared_resource_is_deployed(tf_state, declared):"));
  CHECK(contains(tests, "\"aws_eks_cluster.main\","));
  for (const auto& type : rule_resource_types()) CHECK_FALSE(contains(tests, "def test_" + type));
}

TEST_CASE("generated python compiles", "[rules][python]") {
  std::string everything;
  for (const auto& type : rule_resource_types()) everything += declare(type, "r_" + type);
  auto app = generate_rule_app(arch_with({{"main.tf", everything}}), "us-east-1");
  CHECK(python_syntax_error("/usr/bin/python3", app) == std::nullopt);

  auto empty = generate_rule_app(arch_with({}), "us-east-1");
  CHECK(python_syntax_error("/usr/bin/python3", empty) == std::nullopt);
}

TEST_CASE("hostile names cannot break the generated python", "[rules][python]") {
  auto a = arch_with({{"main.tf", declare("aws_s3_bucket", "b")}});
  a.name = "evil\"\"\"\nimport os; os.system('x')\n\\";
  auto app = generate_rule_app(a, "us-east-1\"; import os #");
  CHECK(python_syntax_error("/usr/bin/python3", app) == std::nullopt);
  CHECK_FALSE(contains(app.at("test_app.py"), "\nimport os;"));  // stays inside the docstring
}

TEST_CASE("generated tests reach each resource in its own region", "[rules][python][moto]") {
  testing::Moto moto;
  testing::TempDir dir("rules-regions");
  // A queue per region, made as a two-region stack makes them. moto's queue URLs carry no
  // region: only a client in the queue's own region finds it.
  ProcessSpec make;
  make.argv = {"/usr/bin/python3", "-c",
               "import boto3, json, sys\n"
               "out = {}\n"
               "for region in ('us-east-1', 'eu-west-1'):\n"
               "    sqs = boto3.client('sqs', endpoint_url=sys.argv[1], region_name=region,\n"
               "                       aws_access_key_id='test', aws_secret_access_key='test')\n"
               "    url = sqs.create_queue(QueueName='orders-' + region)['QueueUrl']\n"
               "    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])\n"
               "    out[region] = {'id': url, 'url': url, 'name': 'orders-' + region,\n"
               "                   'arn': arn['Attributes']['QueueArn'], 'fifo_queue': False}\n"
               "print(json.dumps(out))\n",
               moto.endpoint()};
  make.env = scrubbed_env({});
  auto made = run_process(make);
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  auto queues = nlohmann::json::parse(made.output);
  REQUIRE(queues["eu-west-1"]["arn"].get<std::string>().find(":eu-west-1:") != std::string::npos);

  auto resource = [&](const std::string& name, const std::string& region) {
    return nlohmann::json{{"address", "aws_sqs_queue." + name}, {"mode", "managed"},
                          {"type", "aws_sqs_queue"}, {"name", name}, {"values", queues[region]}};
  };
  nlohmann::json state = {
      {"values",
       {{"root_module",
         {{"resources", {resource("east", "us-east-1"), resource("west", "eu-west-1")}}}}}}};
  auto app = generate_rule_app(
      arch_with({{"main.tf", declare("aws_sqs_queue", "east") + declare("aws_sqs_queue", "west")}}),
      "us-east-1");
  for (auto& [name, content] : app) write_file_atomic(dir.path / name, content);
  write_file_atomic(dir.path / "tf_state.json", state.dump());
  write_file_atomic(dir.path / "tf_outputs.json", "{}");

  ProcessSpec pytest;
  pytest.argv = {"/usr/bin/python3", "-m", "pytest", "-p", "no:cacheprovider", "-q",
                 "-k", "send_receive", "."};
  pytest.cwd = dir.path;
  pytest.env = scrubbed_env({{"AWS_ENDPOINT_URL", moto.endpoint()},
                             {"AWS_REGION", "us-east-1"},
                             {"LSQM_TF_STATE", (dir.path / "tf_state.json").string()},
                             {"LSQM_TF_OUTPUTS", (dir.path / "tf_outputs.json").string()},
                             {"PYTHONDONTWRITEBYTECODE", "1"}});
  auto r = run_process(pytest);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("2 passed"));
}
