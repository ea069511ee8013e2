#include "actors/validator/classify.h"

#include "actors/validator/terraform_stop.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

namespace lsqm {

namespace pt = boost::property_tree;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool contains_nocase(const std::string& text, const std::string& lower_part) {
  std::string lower(text.size(), ' ');
  std::transform(text.begin(), text.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return contains(lower, lower_part);
}

// `phrase` in `text`, where each space of the phrase stands for any run of white space
// (terraform wraps its diagnostics at 78 columns).
bool contains_phrase(std::string_view text, std::string_view phrase) {
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  for (auto at = text.find(phrase.substr(0, phrase.find(' '))); at != std::string_view::npos;
       at = text.find(phrase.substr(0, phrase.find(' ')), at + 1)) {
    std::size_t t = at, p = 0;
    while (p < phrase.size() && t < text.size()) {
      if (phrase[p] == ' ') {
        if (!space(text[t])) break;
        while (t < text.size() && space(text[t])) ++t;
        ++p;
      } else if (phrase[p] == text[t]) {
        ++p, ++t;
      } else {
        break;
      }
    }
    if (p == phrase.size()) return true;
  }
  return false;
}

bool is_timeout_text(const pt::ptree& node) {
  auto message = node.get<std::string>("<xmlattr>.message", "");
  return contains(message, "Timeout >") || contains(node.data(), "Timeout >");
}

void count_suite(const pt::ptree& suite, JunitCounts& c) {
  for (const auto& [tag, testcase] : suite) {
    if (tag == "testsuite") count_suite(testcase, c);  // nested suites
    if (tag != "testcase") continue;
    ++c.total;
    auto error = testcase.get_child_optional("error");
    auto failure = testcase.get_child_optional("failure");
    if (error || failure)
      c.failed_tests.push_back(testcase.get<std::string>("<xmlattr>.classname", "") + "::" +
                               testcase.get<std::string>("<xmlattr>.name", ""));
    if (error) {
      ++c.errors;
      if (is_timeout_text(*error)) ++c.timeouts;
    } else if (failure) {
      ++c.failed;
      if (is_timeout_text(*failure)) ++c.timeouts;
    } else if (testcase.get_child_optional("skipped")) {
      ++c.skipped;
    }
  }
}

// The first terraform "Error:" paragraph (a few lines), else the output's last lines.
std::string error_excerpt(const std::string& output) {
  auto pos = output.find("Error: ");
  std::string from = pos == std::string::npos
                         ? output.substr(output.size() > 600 ? output.size() - 600 : 0)
                         : output.substr(pos);
  std::istringstream lines(from);
  std::string excerpt;
  int kept = 0;
  for (std::string line; std::getline(lines, line) && kept < 8;) {
    if (line.find_first_not_of(" \t│╷╵") == std::string::npos) continue;
    excerpt += (excerpt.empty() ? "" : "\n") + line;
    ++kept;
  }
  return excerpt.substr(0, 1500);
}

// Lines of `text` holding `needle`.
std::vector<std::string> lines_with(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    auto begin = text.rfind('\n', pos);
    begin = begin == std::string::npos ? 0 : begin + 1;
    auto end = text.find('\n', pos);
    out.push_back(text.substr(begin, (end == std::string::npos ? text.size() : end) - begin));
    if (end == std::string::npos) break;
    pos = end;
  }
  return out;
}

// The emulator on loopback refused connections: it died or never listened.
bool emulator_refused(const std::string& output) {
  for (const auto& line : lines_with(output, "connection refused"))
    if (contains(line, "127.0.0.1:") || contains(line, "localhost:")) return true;
  return contains(output, "Could not connect to the endpoint URL");
}

Verdict verdict(Status s, std::string stage, std::string type, std::string message) {
  return {s, std::move(stage), {std::move(type), std::move(message)}};
}

// Our side: problems that say nothing about the emulator's compatibility.
std::optional<Verdict> infrastructure_error(const StepOutcome& step, const std::string& stage) {
  if (!step.ran) return std::nullopt;
  if (step.start_failed)
    return verdict(Status::ERROR, stage, "start_failed", error_excerpt(step.output));
  if (step.exit_code == 55)
    return verdict(Status::ERROR, stage, "emulator_auth",
                   "exit code 55 (emulator license / auth token missing)");
  if (contains_phrase(step.output, "Reattachment process not found"))  // the slot's provider died
    return verdict(Status::ERROR, stage, "shared_provider_lost", error_excerpt(step.output));
  if (contains_nocase(step.output, "no space left on device"))
    return verdict(Status::ERROR, stage, "disk_full", "no space left on device");
  if (step.exit_code != 0 && !step.timed_out && emulator_refused(step.output))
    return verdict(Status::ERROR, stage, "emulator_unreachable", error_excerpt(step.output));
  return std::nullopt;
}

// init reads files, modules and providers: it never talks to the emulator, so whatever stops
// it is ours or the architecture's.
std::optional<Verdict> classify_init(const StepOutcome& init) {
  if (init.timed_out) return verdict(Status::TIMEOUT, "init", "timeout", "terraform init timed out");
  if (init.exit_code == 0) return std::nullopt;
  const std::string cause =
      provider_unavailable(init.output) ? "provider_unavailable" : stop_cause(init.output);
  return verdict(Status::ERROR, "init", cause, error_excerpt(init.output));
}

// FAILED only when the emulator answered an AWS call with an error (or never answered); a stop
// before any request is the configuration's, whatever terraform called it.
std::optional<Verdict> classify_apply(const StepOutcome& apply) {
  if (apply.timed_out)
    return verdict(Status::TIMEOUT, "apply", "timeout", "terraform apply timed out");
  if (apply.exit_code == 0) return std::nullopt;
  if (!failed_calls(apply.output).empty())
    return verdict(Status::FAILED, "apply", "apply_failed", error_excerpt(apply.output));
  const std::string cause = stop_cause(apply.output);
  if (!made_aws_calls(apply.output) || cause != "invalid_configuration")
    return verdict(Status::ERROR, "apply", cause, error_excerpt(apply.output));
  // Requests were made and none is named: a waiter that gave up on the emulator, or an answer
  // the provider could not read.
  return verdict(Status::FAILED, "apply", "apply_failed", error_excerpt(apply.output));
}

Verdict classify_tests(const StepOutcome& test, const std::optional<JunitCounts>& junit,
                       const std::string& junit_problem) {
  if (test.timed_out) return verdict(Status::TIMEOUT, "test", "timeout", "pytest timed out");
  if (test.exit_code == 2 && contains(test.output, "during collection"))
    return verdict(Status::ERROR, "test", "test_collection_failed", error_excerpt(test.output));
  if (test.exit_code == 5)
    return verdict(Status::ERROR, "test", "no_tests", "pytest collected no tests");
  if (!junit_problem.empty())
    return verdict(Status::ERROR, "test", "junit_unreadable", junit_problem);
  if (!junit)
    return verdict(Status::ERROR, "test", "no_junit",
                   "pytest wrote no JUnit report (exit code " + std::to_string(test.exit_code) +
                       ")");
  const int ran = junit->total - junit->skipped;
  if (ran <= 0) return verdict(Status::ERROR, "test", "no_tests", "no test ran");
  if (junit->timeouts > 0)
    return verdict(Status::TIMEOUT, "test", "test_timeout",
                   std::to_string(junit->timeouts) + " test(s) hit the per-test timeout");
  const int bad = junit->failed + junit->errors;
  std::string counts = std::to_string(bad) + " of " + std::to_string(ran) + " tests failed";
  for (std::size_t i = 0; i < junit->failed_tests.size() && i < 20; ++i)  // name what failed
    counts += (i == 0 ? ": " : ", ") + junit->failed_tests[i].substr(0, 200);
  if (bad == 0) return verdict(Status::PASSED, "test", "", "");
  if (junit->passed == 0) return verdict(Status::FAILED, "test", "tests_failed", counts);
  return verdict(Status::PARTIAL, "test", "tests_failed", counts);
}

const std::map<std::string, std::string>& service_prefixes() {
  static const std::map<std::string, std::string> m{
      {"API Gateway", "apigateway"},
      {"ApiGatewayV2", "apigateway"},
      {"CloudWatch Logs", "logs"},
      {"CloudWatch Events", "events"},
      {"EventBridge", "events"},
      {"SFN", "states"},
      {"Cognito Identity Provider", "cognito-idp"},
      {"Elastic Load Balancing", "elasticloadbalancing"},
      {"Elastic Load Balancing v2", "elasticloadbalancing"},
      {"Route 53", "route53"},
      {"Secrets Manager", "secretsmanager"},
      {"DynamoDB Streams", "dynamodbstreams"},
  };
  return m;
}

std::string service_prefix(const std::string& service_id) {
  auto it = service_prefixes().find(service_id);
  if (it != service_prefixes().end()) return it->second;
  std::string out;
  for (unsigned char c : service_id)
    if (!std::isspace(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

// Operations unique enough to name their service when botocore does not.
const std::map<std::string, std::string>& operation_services() {
  static const std::map<std::string, std::string> m{
      {"PutObject", "s3"},        {"GetObject", "s3"},           {"DeleteObject", "s3"},
      {"ListObjectsV2", "s3"},    {"HeadObject", "s3"},          {"HeadBucket", "s3"},
      {"CreateBucket", "s3"},     {"PutItem", "dynamodb"},       {"GetItem", "dynamodb"},
      {"Query", "dynamodb"},      {"Scan", "dynamodb"},          {"DeleteItem", "dynamodb"},
      {"UpdateItem", "dynamodb"}, {"DescribeTable", "dynamodb"}, {"SendMessage", "sqs"},
      {"ReceiveMessage", "sqs"},  {"GetQueueUrl", "sqs"},        {"GetQueueAttributes", "sqs"},
      {"Publish", "sns"},         {"Invoke", "lambda"},          {"GetFunction", "lambda"},
      {"PutEvents", "events"},    {"PutRecord", "kinesis"},      {"GetSecretValue", "secretsmanager"},
      {"GetParameter", "ssm"},    {"StartExecution", "states"},  {"PutLogEvents", "logs"},
  };
  return m;
}

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The end of the run of word characters (\w) starting at `from`.
std::size_t word_end(std::string_view text, std::size_t from) {
  while (from < text.size() && is_word(text[from])) ++from;
  return from;
}

// botocore's ClientError names no service; a client method call just before it often does
// (`s3_client.put_object(`, `sqs.send_message(`): the last `<client>\w*.\w+(` in the 2000
// characters before `at`. One pass over the window, each word looked at once or twice.
std::string service_from_context(const std::string& text, std::size_t at) {
  static const char* clients[] = {"s3",     "sqs",  "sns",           "dynamodb",      "lambda",
                                  "kinesis", "ssm", "events",        "logs",          "secretsmanager",
                                  "stepfunctions", "sfn"};
  const std::size_t from = at > 2000 ? at - 2000 : 0;
  const std::string_view window(text.data() + from, at - from);
  std::string last;
  for (std::size_t i = 0; i < window.size(); i = std::max(i + 1, word_end(window, i))) {
    if (!is_word(window[i])) continue;
    const std::size_t name_end = word_end(window, i);
    if (name_end >= window.size() || window[name_end] != '.') continue;
    const std::size_t method_end = word_end(window, name_end + 1);
    if (method_end == name_end + 1 || method_end >= window.size() || window[method_end] != '(')
      continue;
    for (const char* client : clients)
      if (window.substr(i, name_end - i).starts_with(client)) {
        last = client;
        break;
      }
  }
  if (last == "stepfunctions" || last == "sfn") return "states";
  return last;
}

// Go SDK v2: "operation error <Service ID>: <Operation>" (the service id: letters, digits,
// spaces, dots, dashes). Empty pair when the text at `at` is not one.
std::pair<std::string, std::string> sdk_v2_operation(std::string_view text, std::size_t at) {
  std::size_t i = at;
  if (i >= text.size() || !std::isalnum(static_cast<unsigned char>(text[i]))) return {};
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) ||
                             text[i] == ' ' || text[i] == '.' || text[i] == '-'))
    ++i;
  if (text.substr(i, 2) != ": ") return {};
  const std::size_t op_end = word_end(text, i + 2);
  if (op_end == i + 2) return {};
  return {std::string(text.substr(at, i - at)), std::string(text.substr(i + 2, op_end - i - 2))};
}

// The rest of one SDK v2 error after its operation: to the line's end or the next error.
std::string_view sdk_v2_details(std::string_view text, std::size_t from) {
  auto end = std::min(text.find('\n', from), text.find("operation error ", from));
  return text.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from);
}

// "StatusCode: 503" → 503; 0 when absent.
int status_in(std::string_view details) {
  static constexpr std::string_view tag = "StatusCode: ";
  auto pos = details.find(tag);
  if (pos == std::string_view::npos) return 0;
  int status = 0;
  for (std::size_t i = pos + tag.size(); i < details.size() && i < pos + tag.size() + 3; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(details[i]))) break;
    status = status * 10 + (details[i] - '0');
  }
  return status;
}

// "api error NoSuchBucket: …" → NoSuchBucket; empty when absent.
std::string code_in(std::string_view details) {
  static constexpr std::string_view tag = "api error ";
  auto pos = details.find(tag);
  if (pos == std::string_view::npos) return {};
  const std::size_t begin = pos + tag.size(), end = word_end(details, begin);
  if (end == begin || end >= details.size() || details[end] != ':') return {};
  return std::string(details.substr(begin, end - begin));
}

// botocore: "An error occurred (<Code>) when calling the <Operation> operation", where `at`
// is the position of "when calling the "; empty when the text around it is not that.
std::string boto_operation(std::string_view text, std::size_t at) {
  static constexpr std::string_view prefix = "An error occurred (", call = "when calling the ";
  if (at < 2 || text.substr(at - 2, 2) != ") ") return {};
  std::size_t code_begin = at - 2;
  while (code_begin > 0 && is_word(text[code_begin - 1])) --code_begin;
  if (code_begin == at - 2 || code_begin < prefix.size() ||
      text.substr(code_begin - prefix.size(), prefix.size()) != prefix)
    return {};
  const std::size_t op_begin = at + call.size(), op_end = word_end(text, op_begin);
  if (op_end == op_begin || text.substr(op_end, 10) != " operation") return {};
  return std::string(text.substr(op_begin, op_end - op_begin));
}

}  // namespace

std::optional<JunitCounts> parse_junit(const std::string& xml) {
  pt::ptree tree;
  try {
    std::istringstream in(xml);
    pt::read_xml(in, tree);
  } catch (const pt::ptree_error&) {
    return std::nullopt;
  }
  JunitCounts c;
  if (auto suites = tree.get_child_optional("testsuites"))
    count_suite(*suites, c);
  else if (auto suite = tree.get_child_optional("testsuite"))
    count_suite(*suite, c);
  else
    return std::nullopt;
  c.passed = c.total - c.failed - c.errors - c.skipped;
  return c;
}

bool provider_unavailable(const std::string& out) {
  return contains(out, "not found in any of the search locations") ||
         contains(out, "no available releases match") ||
         contains(out, "Failed to query available provider packages") ||
         contains(out, "Failed to install provider");
}

Verdict classify(const StepOutcomes& s) {
  // A dead emulator explains whatever failed with it: never the architecture's fault.
  if (!s.emulator_gone_after.empty())
    return verdict(Status::ERROR, s.emulator_gone_after, "emulator_died",
                   "the emulator stopped answering during " + s.emulator_gone_after);
  for (auto [step, stage] : {std::pair{&s.init, "init"}, std::pair{&s.apply, "apply"},
                             std::pair{&s.test, "test"}})
    if (auto v = infrastructure_error(*step, stage)) return *v;
  if (!s.init.ran) return verdict(Status::ERROR, "start", "not_run", "terraform init did not run");
  if (auto v = classify_init(s.init)) return *v;
  if (!s.apply.ran) return verdict(Status::ERROR, "init", "not_run", "terraform apply did not run");
  if (auto v = classify_apply(s.apply)) return *v;
  if (!s.test.ran) return verdict(Status::ERROR, "apply", "not_run", "tests did not run");
  Verdict v = classify_tests(s.test, s.junit, s.junit_problem);
  if (v.status != Status::PASSED && v.status != Status::PARTIAL) return v;
  if (!s.destroy.ran) return v;
  if (s.destroy.timed_out)
    return verdict(Status::TIMEOUT, "destroy", "timeout", "terraform destroy timed out");
  if (s.destroy.exit_code != 0) {
    if (v.status == Status::PARTIAL) return {v.status, "destroy", v.error};
    return verdict(Status::PARTIAL, "destroy", "destroy_failed", error_excerpt(s.destroy.output));
  }
  v.stage = "destroy";
  return v;
}

bool FailedOperation::transient() const {
  static const std::set<std::string> throttling{
      "Throttling",          "ThrottlingException",     "ThrottledException",
      "RequestThrottled",    "RequestThrottledException", "TooManyRequestsException",
      "RequestLimitExceeded", "SlowDown",               "ServiceUnavailable",
      "ServiceUnavailableException", "ProvisionedThroughputExceededException",
      "PriorRequestNotComplete"};
  return connection_reset || http_status == 503 || http_status == 429 ||
         throttling.count(error_code) > 0;
}

std::string FailedOperation::to_string() const {
  std::string out = service + ":" + operation;
  if (http_status != 0) out += " HTTP " + std::to_string(http_status);
  if (!error_code.empty()) out += " " + error_code;
  return out;
}

std::vector<FailedOperation> failed_calls(const std::string& text) {
  std::set<FailedOperation> ops;
  static constexpr std::string_view sdk_v2 = "operation error ";
  const std::string_view view(text);
  for (auto pos = text.find(sdk_v2); pos != std::string::npos; pos = text.find(sdk_v2, pos + 1)) {
    auto [service, op] = sdk_v2_operation(text, pos + sdk_v2.size());
    if (op.empty()) continue;
    const auto details = sdk_v2_details(view, pos + sdk_v2.size() + service.size() + 2 + op.size());
    ops.insert({service_prefix(service), op, status_in(details), code_in(details),
                details.find("connection reset") != std::string_view::npos});
  }
  for (auto pos = text.find("when calling the "); pos != std::string::npos;
       pos = text.find("when calling the ", pos + 1)) {
    const std::string op = boto_operation(text, pos);
    if (op.empty()) continue;
    auto known = operation_services().find(op);
    std::string service = known != operation_services().end() ? known->second
                                                              : service_from_context(text, pos);
    const std::size_t code_end = pos - 2, code_begin = text.rfind('(', code_end) + 1;
    ops.insert({service, op, 0, text.substr(code_begin, code_end - code_begin), false});
  }
  return {ops.begin(), ops.end()};
}

std::vector<std::string> failed_operations(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& op : failed_calls(text)) out.push_back(op.to_string());
  return out;
}

bool only_transient_failures(const std::string& terraform_output) {
  const auto calls = failed_calls(terraform_output);
  return !calls.empty() &&
         std::all_of(calls.begin(), calls.end(), [](const auto& c) { return c.transient(); });
}

}  // namespace lsqm
