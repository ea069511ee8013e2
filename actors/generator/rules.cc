// The rule-based generator: static helpers (app.py, conftest.py) plus one parametrized test per
// known resource type found in the architecture, each run once per deployed instance.
#include "actors/generator/rules.h"

#include <cctype>
#include <set>
#include <sstream>
#include <string_view>

#include "formats/hcl.h"

namespace lsqm {
namespace {

// app.py is the same for every architecture: the architecture decides which checks run.
constexpr const char* kAppPy = R"PY("""Helpers for lsqm's generated tests: find deployed resources in terraform's state and
exercise them through the emulator's AWS APIs."""
import base64
import json
import os
import time
import uuid
from urllib.parse import unquote_plus

import boto3

PROBE = "lsqm-probe"


def load_json(env_name):
    path = os.environ.get(env_name)
    if not path:
        raise RuntimeError(f"{env_name} is not set: the validator names terraform's JSON there")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_state_quietly():
    """The state for test collection; {} when absent (the state fixture then fails loudly)."""
    try:
        return load_json("LSQM_TF_STATE")
    except (OSError, RuntimeError, ValueError):
        return {}


def _walk(module):
    yield from module.get("resources") or []
    for child in module.get("child_modules") or []:
        yield from _walk(child)


def resources(state, resource_type=None):
    """Managed resources anywhere in `terraform show -json` (root and child modules)."""
    root = (state.get("values") or {}).get("root_module") or {}
    return [r for r in _walk(root)
            if r.get("mode") == "managed" and resource_type in (None, r.get("type"))]


def address(resource):
    return resource.get("address", "?")


def region_of(values):
    """The region in a resource's ARN, else its `region` attribute; None for global ones."""
    parts = str(values.get("arn") or "").split(":")
    if len(parts) > 3 and parts[0] == "arn" and parts[3]:
        return parts[3]
    return values.get("region") or None


def in_region(client, res):
    """`client`, or one like it in the region `res` was deployed to (multi-region stacks)."""
    region = region_of(res.get("values") or {})
    if not region or region == client.meta.region_name:
        return client
    return boto3.client(client.meta.service_model.service_name,
                        endpoint_url=client.meta.endpoint_url, region_name=region,
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=client.meta.config)


def probe_id():
    return f"{PROBE}-{uuid.uuid4().hex[:12]}"


def check_s3_bucket(s3, values):
    bucket = values.get("bucket") or values["id"]
    key = probe_id() + ".txt"
    body = b"written by lsqm"
    s3.put_object(Bucket=bucket, Key=key, Body=body)
    try:
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == body
    finally:
        s3.delete_object(Bucket=bucket, Key=key)


def _dynamodb_value(attr_type):
    return {"S": {"S": PROBE}, "N": {"N": "42"}, "B": {"B": b"lsqm"}}[attr_type]


def check_dynamodb_table(dynamodb, values):
    table = values["name"]
    types = {a["name"]: a["type"] for a in values.get("attribute") or []}
    key = {values["hash_key"]: _dynamodb_value(types.get(values["hash_key"], "S"))}
    if values.get("range_key"):
        key[values["range_key"]] = _dynamodb_value(types.get(values["range_key"], "S"))
    item = dict(key, lsqm_note={"S": "written by lsqm"})
    dynamodb.put_item(TableName=table, Item=item)
    try:
        got = dynamodb.get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")
        assert got == item
    finally:
        dynamodb.delete_item(TableName=table, Key=key)


def _send_probe(sqs, url, fifo, body):
    extra = {}
    if fifo:
        extra = {"MessageGroupId": PROBE, "MessageDeduplicationId": uuid.uuid4().hex}
    return sqs.send_message(QueueUrl=url, MessageBody=body, **extra)


def receive_body(sqs, url, wanted, timeout_s):
    """Receives until a message whose body contains `wanted` arrives; deletes what it reads."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        reply = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        for message in reply.get("Messages") or []:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            if wanted in message["Body"]:
                return message["Body"]
    return None


def check_sqs_queue(sqs, values, consumed_by_lambda):
    url = values.get("url") or values["id"]
    body = probe_id()
    sent = _send_probe(sqs, url, bool(values.get("fifo_queue")), body)
    assert sent.get("MessageId")
    if consumed_by_lambda:
        return  # an event source mapping owns the queue's messages
    timeout = int(values.get("delay_seconds") or 0) + 10
    assert receive_body(sqs, url, body, timeout) == body, "sent message was not received"


def check_sns_topic(sns, values):
    arn = values["arn"]
    attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    assert attributes["TopicArn"] == arn
    extra = {}
    if values.get("fifo_topic"):
        extra = {"MessageGroupId": PROBE, "MessageDeduplicationId": uuid.uuid4().hex}
    assert sns.publish(TopicArn=arn, Message="published by lsqm", **extra).get("MessageId")


def check_iam_role(iam, values):
    role = iam.get_role(RoleName=values["name"])["Role"]
    assert role["Arn"] == values["arn"]


def check_iam_policy(iam, values):
    policy = iam.get_policy(PolicyArn=values["arn"])["Policy"]
    assert policy["PolicyName"] == values["name"]


def check_iam_role_policy_attachment(iam, values):
    attached = iam.list_attached_role_policies(RoleName=values["role"])["AttachedPolicies"]
    assert values["policy_arn"] in [p["PolicyArn"] for p in attached]


def lambda_has_package(values):
    return any(values.get(k) for k in ("filename", "s3_key", "image_uri"))


def check_lambda_function(awslambda, values):
    name = values["function_name"]
    config = awslambda.get_function(FunctionName=name)["Configuration"]
    assert config["FunctionName"] == name
    assert config["FunctionArn"] == values["arn"]


def invoke_lambda_function(awslambda, values):
    """Runs the deployed code: an emulator that cannot execute functions fails here."""
    if not lambda_has_package(values):
        import pytest
        pytest.skip("no deployment package in the state")
    name = values["function_name"]
    reply = awslambda.invoke(FunctionName=name, Payload=json.dumps({"source": PROBE}).encode())
    payload = reply["Payload"].read().decode("utf-8", "replace")
    assert reply["StatusCode"] == 200
    assert not reply.get("FunctionError"), f"function error: {payload}"


def check_lambda_event_source_mapping(awslambda, values):
    mapping = awslambda.get_event_source_mapping(UUID=values.get("uuid") or values["id"])
    assert mapping["EventSourceArn"] == values["event_source_arn"]


def check_cloudwatch_log_group(logs, values):
    name = values["name"]
    groups = logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    assert name in [g["logGroupName"] for g in groups]
    stream = probe_id()
    logs.create_log_stream(logGroupName=name, logStreamName=stream)
    message = "logged by lsqm"
    logs.put_log_events(logGroupName=name, logStreamName=stream,
                        logEvents=[{"timestamp": int(time.time() * 1000), "message": message}])
    events = logs.get_log_events(logGroupName=name, logStreamName=stream)["events"]
    assert message in [e["message"] for e in events]


def check_kms_key(kms, values):
    key_id = values.get("key_id") or values["id"]
    assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["KeyId"] == key_id
    symmetric = values.get("customer_master_key_spec") in (None, "", "SYMMETRIC_DEFAULT")
    if values.get("key_usage") not in (None, "", "ENCRYPT_DECRYPT") or not symmetric:
        return
    if values.get("is_enabled") is False:
        return
    blob = kms.encrypt(KeyId=key_id, Plaintext=b"secret by lsqm")["CiphertextBlob"]
    assert kms.decrypt(CiphertextBlob=blob, KeyId=key_id)["Plaintext"] == b"secret by lsqm"


def check_kms_alias(kms, values):
    aliases = kms.list_aliases()["Aliases"]
    assert values["name"] in [a["AliasName"] for a in aliases]


def check_ssm_parameter(ssm, values):
    parameter = ssm.get_parameter(Name=values["name"], WithDecryption=True)["Parameter"]
    expected = values.get("value")
    if expected is None:
        expected = values.get("insecure_value")
    if expected is not None:
        assert parameter["Value"] == expected


def check_secretsmanager_secret(secretsmanager, values, versions):
    arn = values["arn"]
    described = secretsmanager.describe_secret(SecretId=arn)
    assert described["ARN"] == arn
    for version in versions:
        if version.get("secret_id") not in (arn, values.get("id"), values.get("name")):
            continue
        got = secretsmanager.get_secret_value(SecretId=arn, VersionId=version["version_id"])
        if version.get("secret_string") is not None:
            assert got["SecretString"] == version["secret_string"]
        elif version.get("secret_binary"):
            assert got["SecretBinary"] == base64.b64decode(version["secret_binary"])


def check_cloudwatch_event_rule(events, values):
    bus = values.get("event_bus_name") or "default"
    rule = events.describe_rule(Name=values["name"], EventBusName=bus)
    assert rule["Name"] == values["name"]
    assert rule["Arn"] == values["arn"]


def check_sqs_queue_policy(sqs, values):
    url = values.get("queue_url") or values["id"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]
    assert json.loads(attributes["Policy"]) == json.loads(values["policy"])


def _queue_url_of(queues, arn):
    for queue in queues:
        if queue["values"].get("arn") == arn:
            return queue["values"].get("url") or queue["values"]["id"]
    return None


def check_s3_bucket_notification(s3, sqs, values, queues):
    bucket = values["bucket"]
    config = s3.get_bucket_notification_configuration(Bucket=bucket)
    configured = [q["QueueArn"] for q in config.get("QueueConfigurations") or []]
    for wanted in values.get("queue") or []:
        assert wanted["queue_arn"] in configured
    # End to end: an object created in the bucket must reach each notified queue.
    for wanted in values.get("queue") or []:
        url = _queue_url_of(queues, wanted["queue_arn"])
        if url is None or not any(e.startswith("s3:ObjectCreated") for e in wanted["events"]):
            continue
        token = probe_id()
        key = (wanted.get("filter_prefix") or "") + token + (wanted.get("filter_suffix") or "")
        s3.put_object(Bucket=bucket, Key=key, Body=b"notify")
        try:
            body = receive_body(sqs, url, token, 30)
            assert body, f"no S3 event for {key} on {url}"
            keys = [unquote_plus(r["s3"]["object"]["key"]) for r in json.loads(body)["Records"]]
            assert key in keys
        finally:
            s3.delete_object(Bucket=bucket, Key=key)
)PY";

constexpr const char* kConftestHead = R"PY("""Fixtures for lsqm's generated tests: boto3 clients bound to the emulator and terraform's
outputs and state (see the environment contract: AWS_ENDPOINT_URL, LSQM_TF_OUTPUTS, LSQM_TF_STATE)."""
import os

import boto3
import pytest
from botocore.config import Config

import app

DEFAULT_REGION = "@REGION@"


def make_client(service):
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
    return boto3.client(
        service,
        endpoint_url=os.environ.get("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
        region_name=region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 2}, connect_timeout=10, read_timeout=60,
                      s3={"addressing_style": "path"}),
    )


@pytest.fixture(scope="session")
def tf_outputs():
    return app.load_json("LSQM_TF_OUTPUTS")


@pytest.fixture(scope="session")
def tf_state():
    return app.load_json("LSQM_TF_STATE"))PY";

struct ServiceFixture {
  const char* fixture;  // pytest fixture name (a Python identifier)
  const char* service;  // boto3 service name
};

constexpr ServiceFixture kFixtures[] = {
    {"awslambda", "lambda"}, {"dynamodb", "dynamodb"}, {"events", "events"},
    {"iam", "iam"},          {"kms", "kms"},           {"logs", "logs"},
    {"s3", "s3"},            {"secretsmanager", "secretsmanager"},
    {"sns", "sns"},          {"sqs", "sqs"},           {"ssm", "ssm"},
};

// One behaviour test per known type; `args` are the test's fixtures besides `res`, `call` the
// body run for each deployed instance (`res` is its state entry).
struct TypeRule {
  const char* type;
  const char* test;  // test function name suffix
  const char* args;
  const char* call;
};

constexpr TypeRule kRules[] = {
    {"aws_cloudwatch_event_rule", "describe_rule", "events",
     "app.check_cloudwatch_event_rule(events, res[\"values\"])"},
    {"aws_cloudwatch_log_group", "describe_and_put_event", "logs",
     "app.check_cloudwatch_log_group(logs, res[\"values\"])"},
    {"aws_dynamodb_table", "put_get_item", "dynamodb",
     "app.check_dynamodb_table(dynamodb, res[\"values\"])"},
    {"aws_iam_policy", "get_policy", "iam", "app.check_iam_policy(iam, res[\"values\"])"},
    {"aws_iam_role", "get_role", "iam", "app.check_iam_role(iam, res[\"values\"])"},
    {"aws_iam_role_policy_attachment", "policy_attached", "iam",
     "app.check_iam_role_policy_attachment(iam, res[\"values\"])"},
    {"aws_kms_alias", "listed", "kms", "app.check_kms_alias(kms, res[\"values\"])"},
    {"aws_kms_key", "describe_encrypt_decrypt", "kms", "app.check_kms_key(kms, res[\"values\"])"},
    {"aws_lambda_event_source_mapping", "get_mapping", "awslambda",
     "app.check_lambda_event_source_mapping(awslambda, res[\"values\"])"},
    {"aws_lambda_function", "get_function", "awslambda",
     "app.check_lambda_function(awslambda, res[\"values\"])"},
    {"aws_lambda_function", "invoke", "awslambda",
     "app.invoke_lambda_function(awslambda, res[\"values\"])"},
    {"aws_s3_bucket", "put_get_object", "s3", "app.check_s3_bucket(s3, res[\"values\"])"},
    {"aws_s3_bucket_notification", "configured_and_delivered", "s3, sqs, tf_state",
     "app.check_s3_bucket_notification(s3, sqs, res[\"values\"], "
     "app.resources(tf_state, \"aws_sqs_queue\"))"},
    {"aws_secretsmanager_secret", "describe_and_get_value", "secretsmanager, tf_state",
     "versions = [r[\"values\"] for r in app.resources(tf_state, "
     "\"aws_secretsmanager_secret_version\")]\n"
     "    app.check_secretsmanager_secret(secretsmanager, res[\"values\"], versions)"},
    {"aws_sns_topic", "attributes_and_publish", "sns", "app.check_sns_topic(sns, res[\"values\"])"},
    {"aws_sqs_queue", "send_receive", "sqs, tf_state",
     "consumers = [r[\"values\"].get(\"event_source_arn\") for r in app.resources(tf_state, "
     "\"aws_lambda_event_source_mapping\")]\n"
     "    app.check_sqs_queue(sqs, res[\"values\"], res[\"values\"].get(\"arn\") in consumers)"},
    {"aws_sqs_queue_policy", "policy_matches", "sqs",
     "app.check_sqs_queue_policy(sqs, res[\"values\"])"},
    {"aws_ssm_parameter", "value_matches", "ssm", "app.check_ssm_parameter(ssm, res[\"values\"])"},
};

// Whether the comma-separated parameter list `args` names `name`.
bool has_arg(std::string_view args, std::string_view name) {
  std::size_t start = 0;
  while (start <= args.size()) {
    auto comma = args.find(',', start);
    auto arg = args.substr(start, comma == std::string_view::npos ? args.npos : comma - start);
    while (!arg.empty() && arg.front() == ' ') arg.remove_prefix(1);
    while (!arg.empty() && arg.back() == ' ') arg.remove_suffix(1);
    if (arg == name) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

// Keeps only characters that are safe inside a Python docstring.
std::string docstring_safe(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool safe = std::isalnum(static_cast<unsigned char>(c)) ||
                std::string_view("._-/:@ ").find(c) != std::string_view::npos;
    out += safe ? c : '_';
  }
  return out;
}

std::string conftest_py(const std::string& region) {
  std::string head = kConftestHead;
  head.replace(head.find("@REGION@"), 8, docstring_safe(region));
  std::ostringstream out;
  out << head;
  for (const auto& f : kFixtures)
    out << "\n\n@pytest.fixture(scope=\"session\")\ndef " << f.fixture << "():\n    return make_client(\""
        << f.service << "\")\n";
  return out.str();
}

std::string test_app_py(const Architecture& arch) {
  auto declared = declared_resources(arch);
  std::set<std::string> types(arch.resource_types.begin(), arch.resource_types.end());
  for (const auto& [type, name] : declared) types.insert(type);

  std::ostringstream out;
  out << "\"\"\"Tests generated by lsqm's rule-based generator (" << kRulesGeneratorVersion
      << ") for " << docstring_safe(arch.name.empty() ? arch.hash : arch.name) << ".\n\n"
      << "Each behaviour test runs once per deployed instance found in terraform's state; its id\n"
      << "is the instance's address.\"\"\"\n"
      << "import pytest\n\nimport app\n\nSTATE = app.load_state_quietly()\n\n\n"
      << "def deployed(resource_type):\n    return app.resources(STATE, resource_type)\n\n\n"
      << "def test_terraform_state_lists_resources(tf_state):\n"
      << "    assert app.resources(tf_state), \"terraform state lists no managed resource\"\n";

  if (!declared.empty()) {
    out << "\n\nDECLARED = [\n";
    for (const auto& [type, name] : declared) out << "    \"" << type << "." << name << "\",\n";
    out << "]\n\n\n@pytest.mark.parametrize(\"declared\", DECLARED)\n"
        << "def test_declared_resource_is_deployed(tf_state, declared):\n"
        << "    resource_type, name = declared.split(\".\", 1)\n"
        << "    found = [r for r in app.resources(tf_state, resource_type) if r.get(\"name\") == name]\n"
        << "    assert found, f\"{declared} is declared but not in terraform's state\"\n"
        << "    assert all(r.get(\"values\", {}).get(\"id\") is not None for r in found), "
           "f\"{declared} has no id\"\n";
  }

  for (const auto& rule : kRules) {
    if (!types.count(rule.type)) continue;
    out << "\n\n@pytest.mark.parametrize(\"res\", deployed(\"" << rule.type
        << "\"), ids=app.address)\ndef test_" << rule.type << "_" << rule.test << "(" << rule.args
        << ", res):\n";
    // Each client talks to the region the resource is in, not the default one.
    for (const auto& f : kFixtures)
      if (has_arg(rule.args, f.fixture))
        out << "    " << f.fixture << " = app.in_region(" << f.fixture << ", res)\n";
    out << "    " << rule.call << "\n";
  }
  return out.str();
}

// Only these shapes reach the generated python (as string literals and test ids).
bool is_python_safe_type(const std::string& type) {
  return type.rfind("aws_", 0) == 0 && type.size() > 4 &&
         type.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

bool is_python_safe_name(const std::string& name) {
  static const char* ident = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) && name[0] != '-' &&
         name.find_first_not_of(ident) == std::string::npos;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> declared_resources(const Architecture& arch) {
  std::set<std::pair<std::string, std::string>> found;
  for (const auto& [path, content] : arch.files) {
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".tf") != 0) continue;
    for (const auto& block : hcl::parse(content).body.blocks)
      if (block.type == "resource" && block.labels.size() == 2 &&
          is_python_safe_type(block.labels[0]) && is_python_safe_name(block.labels[1]))
        found.emplace(block.labels[0], block.labels[1]);
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> rule_resource_types() {
  std::set<std::string> types;
  for (const auto& rule : kRules) types.insert(rule.type);
  return {types.begin(), types.end()};
}

std::map<std::string, std::string> generate_rule_app(const Architecture& arch,
                                                     const std::string& region) {
  return {
      {"app.py", kAppPy},
      {"conftest.py", conftest_py(region)},
      {"requirements.txt", "boto3==1.26.27\npytest==7.2.1\n"},
      {"test_app.py", test_app_py(arch)},
  };
}

}  // namespace lsqm
