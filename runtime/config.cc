#include "runtime/config.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

#include "formats/url_userinfo.h"
#include "formats/utf8.h"
#include "formats/version.h"
#include "runtime/embedded_config.h"

extern char** environ;

namespace lsqm {

// A plain string stays a string; objects are written back with only the keys that are set.
void to_json(nlohmann::json& j, const SourceSpec& s) {
  if (s.kind.empty()) {
    j = s.location;
    return;
  }
  j = {{"kind", s.kind}, {s.kind == "git" ? "url" : "path", s.location}};
  if (!s.ref.empty()) j["ref"] = s.ref;
  if (!s.paths.empty()) j["paths"] = s.paths;
  if (!s.exclude.empty()) j["exclude"] = s.exclude;
}

// Shape checked by check_sources before this runs.
void from_json(const nlohmann::json& j, SourceSpec& s) {
  s = SourceSpec{};
  if (j.is_string()) {
    s.location = j.get<std::string>();
    return;
  }
  s.kind = j.value("kind", "");
  s.location = j.value(s.kind == "git" ? "url" : "path", "");
  s.ref = j.value("ref", "");
  s.paths = j.value("paths", std::vector<std::string>{});
  s.exclude = j.value("exclude", std::vector<std::string>{});
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    Config, artifact_repo, data_dir, sources, token_budget, localstack_version, parallel,
    timeout_s, test_timeout_s, ready_timeout_s, issue_repo, github_api_url, registry_url,
    anthropic_url, slack_url, generator, model, emulator, emulator_command, emulator_ready_path,
    supported_services, python, terraform, terraform_plugin_dir, terraform_plugin_search_roots,
    terraform_aws_provider, terraform_provider_reuse, terraform_registry_modules, region,
    runs_kept, git_timeout_s, sandbox, anthropic_api_key, github_token, slack_webhook_url, verbose,
    dry_run)

namespace {

struct EnvBinding {
  const char* var;
  const char* key;
};

constexpr EnvBinding kEnvBindings[] = {
    {"ANTHROPIC_API_KEY", "anthropic_api_key"},
    {"GITHUB_TOKEN", "github_token"},
    {"SLACK_WEBHOOK_URL", "slack_webhook_url"},
    {"ARTIFACT_REPO", "artifact_repo"},
    {"ANTHROPIC_TOKEN_BUDGET", "token_budget"},
    {"LOCALSTACK_VERSION", "localstack_version"},
    {"LSQM_PARALLEL", "parallel"},
    {"LSQM_TIMEOUT", "timeout_s"},
    {"ISSUE_REPO", "issue_repo"},
    {"LSQM_DATA_DIR", "data_dir"},
    {"LSQM_TF_PLUGIN_DIR", "terraform_plugin_dir"},
    {"LSQM_PYTHON", "python"},
    {"LSQM_EMULATOR_COMMAND", "emulator_command"},
    {"LSQM_GITHUB_API_URL", "github_api_url"},
    {"LSQM_REGISTRY_URL", "registry_url"},
    {"LSQM_ANTHROPIC_URL", "anthropic_url"},
    {"LSQM_SLACK_URL", "slack_url"},
};

constexpr EnvBinding kSecrets[] = {
    {"ANTHROPIC_API_KEY", "anthropic_api_key"},
    {"GITHUB_TOKEN", "github_token"},
    {"SLACK_WEBHOOK_URL", "slack_webhook_url"},
};

const EnvBinding* find_secret(const std::string& key) {
  for (const auto& s : kSecrets)
    if (key == s.key) return &s;
  return nullptr;
}

// The smallest value an integer setting accepts; token_budget 0 means "generate nothing".
std::int64_t minimum_of(const std::string& key) { return key == "token_budget" ? 0 : 1; }

// More emulators than this at once is a typo, not a plan (each is a server and a provider).
constexpr std::int64_t kMaxParallel = 64;

std::int64_t maximum_of(const std::string& key) {
  if (key == "parallel") return kMaxParallel;
  return key == "token_budget" ? INT64_MAX : INT_MAX;
}

std::string describe_minimum(const std::string& key) {
  if (key == "parallel") return "an integer from 1 to " + std::to_string(kMaxParallel);
  return minimum_of(key) == 0 ? "a non-negative integer" : "a positive integer";
}

ConfigError out_of_range(const std::string& source, const std::string& key,
                         const std::string& raw) {
  return ConfigError(source + ": '" + raw + "' is not " + describe_minimum(key));
}

std::int64_t checked_integer(const std::string& source, const std::string& key,
                             std::int64_t value, const std::string& raw) {
  if (value < minimum_of(key) || value > maximum_of(key)) throw out_of_range(source, key, raw);
  return value;
}

std::int64_t parse_integer(const std::string& source, const std::string& key,
                           const std::string& raw) {
  std::int64_t value = 0;
  const char* end = raw.data() + raw.size();
  auto [ptr, ec] = std::from_chars(raw.data(), end, value);
  if (ec != std::errc() || ptr != end) throw out_of_range(source, key, raw);
  return checked_integer(source, key, value, raw);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_key(const nlohmann::json& defaults, const std::string& key) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
  for (const auto& [known, _] : defaults.items()) {
    std::size_t d = edit_distance(key, known);
    if (d < best_distance) best = known, best_distance = d;
  }
  return best;
}

// The embedded default.json, without "_comment"-style keys, plus the keys only the
// environment and flags set.
nlohmann::json embedded_defaults() {
  const auto& files = embedded_configs();
  auto it = files.find("default.json");
  if (it == files.end()) throw ConfigError("embedded config/default.json is missing (build error)");
  nlohmann::json defaults = nlohmann::json::parse(it->second);
  for (auto i = defaults.begin(); i != defaults.end();)
    i = i.key().starts_with("_") ? defaults.erase(i) : std::next(i);
  return defaults;
}

bool same_type(const nlohmann::json& expected, const nlohmann::json& value) {
  if (expected.is_string()) return value.is_string();
  if (expected.is_number_integer()) return value.is_number_integer();
  if (expected.is_boolean()) return value.is_boolean();
  if (expected.is_array())
    return value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_string(); });
  return expected.type() == value.type();
}

std::string type_description(const nlohmann::json& expected) {
  if (expected.is_number_integer()) return "an integer";
  if (expected.is_array()) return "an array of strings";
  if (expected.is_string()) return "a string";
  return std::string("a ") + expected.type_name();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ConfigError("config file '" + path + "': cannot be read: " + std::strerror(errno) +
                      " (check the --config path)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json parse_file(const std::string& path) {
  try {
    return nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range: 1e99999
    std::string what = e.what();
    auto pos = what.find("] ");  // drop nlohmann's "[json.exception.parse_error.101] " prefix
    throw ConfigError("config file '" + path + "': not valid JSON: " +
                      (pos == std::string::npos ? what : what.substr(pos + 2)));
  }
}

void apply_file(nlohmann::json& merged, const std::string& path) {
  nlohmann::json file = parse_file(path);
  if (!file.is_object())
    throw ConfigError("config file '" + path + "': must be a JSON object, not " +
                      file.type_name());
  for (const auto& [key, value] : file.items()) {
    if (key.starts_with("_")) continue;  // comments
    std::string source = "config file '" + path + "', key '" + key + "'";
    if (const auto* secret = find_secret(key))
      throw ConfigError(source + ": secrets are read from the environment only; set " +
                        secret->var + " instead");
    if (!merged.contains(key)) {
      std::string hint = closest_key(merged, key);
      throw ConfigError("config file '" + path + "': unknown key '" + key + "'" +
                        (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    if (key == "sources" ? !value.is_array() : !same_type(merged[key], value))
      throw ConfigError(source + ": expected " + type_description(merged[key]) + ", got " +
                        value.type_name() + " " + value.dump());
    if (value.is_number_integer())
      checked_integer(source, key, value.is_number_unsigned()
                                       ? static_cast<std::int64_t>(std::min<std::uint64_t>(
                                             value.get<std::uint64_t>(), INT64_MAX))
                                       : value.get<std::int64_t>(),
                      value.dump());
    merged[key] = value;
  }
}

// Every setting ends up in JSON (run.json, logs), which holds UTF-8 only (found by fuzzing).
void require_text(const std::string& source, const std::string& value) {
  if (!is_utf8_text(value))
    throw ConfigError(source + ": not valid UTF-8 text (or holds a NUL byte)");
}

void apply_environment(nlohmann::json& merged, const std::map<std::string, std::string>& env) {
  for (const auto& [var, key] : kEnvBindings) {
    auto it = env.find(var);
    if (it == env.end() || it->second.empty()) continue;  // CI passes unset secrets as ""
    require_text(std::string("environment variable ") + var, it->second);
    if (merged[key].is_number_integer())
      merged[key] = parse_integer(std::string("environment variable ") + var, key, it->second);
    else
      merged[key] = it->second;
  }
}

void apply_flags(nlohmann::json& merged, const FlagOverrides& flags) {
  if (flags.parallel)
    merged["parallel"] = checked_integer("flag --parallel", "parallel", *flags.parallel,
                                         std::to_string(*flags.parallel));
  if (flags.localstack_version) {
    require_text("flag --localstack-version", *flags.localstack_version);
    merged["localstack_version"] = *flags.localstack_version;
  }
  if (flags.sources) {
    for (const auto& s : *flags.sources) require_text("flag --source", s);
    merged["sources"] = *flags.sources;
  }
  if (flags.verbose) merged["verbose"] = *flags.verbose;
  if (flags.dry_run) merged["dry_run"] = *flags.dry_run;
}

bool is_string_array(const nlohmann::json& v) {
  return v.is_array() &&
         std::all_of(v.begin(), v.end(), [](const auto& e) { return e.is_string(); });
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// One element of `sources`: a non-empty string, or a {"kind": "git"|"local", ...} object with
// only the keys its kind knows.
void check_source(const nlohmann::json& s, const std::string& where) {
  if (s.is_string()) {
    require_text(where, s.get<std::string>());
    if (s.get<std::string>().empty()) throw ConfigError(where + ": an empty source");
    return;
  }
  if (!s.is_object())
    throw ConfigError(where + ": expected a string (a directory or git URL) or an object "
                      "{\"kind\": \"git\" | \"local\", ...}, got " + s.dump());
  auto kind = s.value("kind", nlohmann::json()).is_string() ? s["kind"].get<std::string>() : "";
  if (kind != "git" && kind != "local")
    throw ConfigError(where + ": \"kind\" must be \"git\" or \"local\", got " +
                      (s.contains("kind") ? s["kind"].dump() : "nothing"));
  const std::string place = kind == "git" ? "url" : "path";
  const std::vector<std::string> known =
      kind == "git" ? std::vector<std::string>{"kind", "url", "ref", "paths", "exclude"}
                    : std::vector<std::string>{"kind", "path"};
  for (const auto& [key, value] : s.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end())
      throw ConfigError(where + ": unknown key '" + key + "' for a " + kind + " source (known: " +
                        joined(known) + ")");
    bool list = key == "paths" || key == "exclude";
    if (list ? !is_string_array(value) : !value.is_string())
      throw ConfigError(where + ", key '" + key + "': expected " +
                        (list ? "an array of strings" : "a string") + ", got " + value.dump());
    if (value.is_string()) require_text(where + ", key '" + key + "'", value.get<std::string>());
  }
  if (!s.contains(place) || s[place].get<std::string>().empty())
    throw ConfigError(where + ": a " + kind + " source needs a non-empty \"" + place + "\"");
}

void check_sources(const nlohmann::json& sources) {
  for (std::size_t i = 0; i < sources.size(); ++i)
    check_source(sources[i], "sources[" + std::to_string(i) + "]");
}

// Settings whose strings have a grammar of their own.
void check_choices(const nlohmann::json& merged) {
  auto policy = merged["terraform_aws_provider"].get<std::string>();
  if (policy != "as-declared" && policy != "pin:auto" &&
      !(policy.starts_with("pin:") && is_exact_version(policy.substr(4))))
    throw ConfigError("terraform_aws_provider: '" + policy +
                      "' is neither 'as-declared', 'pin:auto' nor 'pin:VERSION' (e.g. pin:5.100.0)");
  auto sandbox = merged["sandbox"].get<std::string>();
  if (sandbox != "on" && sandbox != "off")
    throw ConfigError("sandbox: '" + sandbox + "' is neither 'on' nor 'off'");
}

}  // namespace

std::string pinned_aws_version(const Config& c) {
  return c.terraform_aws_provider.starts_with("pin:") ? c.terraform_aws_provider.substr(4) : "";
}

Config load_config(const ConfigInputs& inputs) {
  nlohmann::json merged = embedded_defaults();
  for (const auto& s : kSecrets) merged[s.key] = "";
  if (inputs.config_file) apply_file(merged, *inputs.config_file);
  merged["verbose"] = false;  // after the file: not settable there
  merged["dry_run"] = false;
  apply_environment(merged, inputs.env);
  apply_flags(merged, inputs.flags);
  check_choices(merged);
  check_sources(merged["sources"]);
  return merged.get<Config>();
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    auto eq = text.find('=');
    if (eq != std::string_view::npos)
      env.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
  }
  return env;
}

nlohmann::json snapshot(const Config& config) {
  nlohmann::json j = config;
  for (const auto& s : kSecrets) j.erase(s.key);
  j["artifact_repo"] = url_without_userinfo(config.artifact_repo);
  for (auto& s : j["sources"]) {
    if (s.is_string()) s = url_without_userinfo(s.get<std::string>());
    else if (s.contains("url")) s["url"] = url_without_userinfo(s["url"].get<std::string>());
  }
  return j;
}

std::vector<std::string> secret_values(const Config& config) {
  std::vector<std::string> values;
  for (const auto* v : {&config.anthropic_api_key, &config.github_token, &config.slack_webhook_url})
    if (!v->empty()) values.push_back(*v);
  if (auto in_url = url_secret(config.artifact_repo); !in_url.empty()) values.push_back(in_url);
  for (const auto& s : config.sources)
    if (auto in_url = url_secret(s.location); !in_url.empty()) values.push_back(in_url);
  return values;
}

}  // namespace lsqm
