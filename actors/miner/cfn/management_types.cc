// AWS::Logs::LogGroup / SubscriptionFilter, AWS::KMS::Key / Alias, AWS::SSM::Parameter,
// AWS::SecretsManager::Secret, AWS::CloudWatch::Alarm, AWS::StepFunctions::StateMachine.
#include "actors/miner/cfn/intrinsics.h"
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

void log_group(ResourceBuilder& b) {
  b.copy_all({{"LogGroupName", "name"}, {"RetentionInDays", "retention_in_days"}, {"KmsKeyId", "kms_key_id"},
              {"LogGroupClass", "log_group_class"}});
  b.copy_tags();
}

void subscription_filter(ResourceBuilder& b) {
  b.copy_name("FilterName", "name", 512);
  b.copy_all({{"LogGroupName", "log_group_name"}, {"FilterPattern", "filter_pattern"},
              {"DestinationArn", "destination_arn"}, {"RoleArn", "role_arn"}, {"Distribution", "distribution"}});
}

void kms_key(ResourceBuilder& b) {
  b.copy_all({{"Description", "description"}, {"EnableKeyRotation", "enable_key_rotation"}, {"KeyUsage", "key_usage"},
              {"KeySpec", "customer_master_key_spec"}, {"PendingWindowInDays", "deletion_window_in_days"},
              {"Enabled", "is_enabled"}, {"MultiRegion", "multi_region"}});
  b.copy_document("KeyPolicy", "policy");
  b.copy_tags();
}

void kms_alias(ResourceBuilder& b) { b.copy_all({{"AliasName", "name"}, {"TargetKeyId", "target_key_id"}}); }

void ssm_parameter(ResourceBuilder& b) {
  if (!b.copy("Name", "name")) b.body()["name"] = "/" + template_escape(b.generated_name(1000));
  b.copy_all({{"Type", "type"}, {"Value", "value"}, {"Description", "description"},
              {"AllowedPattern", "allowed_pattern"}, {"Tier", "tier"}, {"DataType", "data_type"}});
  b.copy_tags();
}

// SecretString, or GenerateSecretString through the provider's own random password source
// (the random provider is not to be had offline).
void secret_value(ResourceBuilder& b) {
  const json* literal = b.take("SecretString");
  const json* generate = b.take("GenerateSecretString");
  if (!literal && !generate) return;
  json version = {{"secret_id", b.self("id")}};
  if (literal) version["secret_string"] = b.value(*literal);
  if (generate) {
    auto g = b.block(*generate, "GenerateSecretString",
                     {{"PasswordLength", "password_length"}, {"ExcludeCharacters", "exclude_characters"},
                      {"ExcludePunctuation", "exclude_punctuation"}, {"ExcludeNumbers", "exclude_numbers"},
                      {"ExcludeUppercase", "exclude_uppercase"}, {"ExcludeLowercase", "exclude_lowercase"},
                      {"IncludeSpace", "include_space"}, {"RequireEachIncludedType", "require_each_included_type"},
                      {"SecretStringTemplate", "template"}, {"GenerateStringKey", "key"}});
    if (!g) return;
    const json template_value = g->value("template", json());
    const json key = g->value("key", json());
    g->erase("template");
    g->erase("key");
    b.translation().data["aws_secretsmanager_random_password"][b.logical()] = *g;
    const std::string password = "data.aws_secretsmanager_random_password." + b.logical() + ".random_password";
    if (template_value.is_null() != key.is_null()) return b.refuse("GenerateSecretString (template without key)");
    version["secret_string"] =
        template_value.is_null()
            ? "${" + password + "}"
            : "${jsonencode(merge(jsondecode(" + b.expression((*generate)["SecretStringTemplate"]) + "), {(" +
                  b.expression((*generate)["GenerateStringKey"]) + ") = " + password + "}))}";
  }
  b.extra("aws_secretsmanager_secret_version", "value") = version;
}

void secret(ResourceBuilder& b) {
  b.copy_all({{"Name", "name"}, {"Description", "description"}, {"KmsKeyId", "kms_key_id"}});
  b.copy_tags();
  b.body()["recovery_window_in_days"] = 0;  // so a torn-down test run can create the name again
  secret_value(b);
}

void alarm(ResourceBuilder& b) {
  b.copy_name("AlarmName", "alarm_name", 255);
  b.copy_all({{"AlarmDescription", "alarm_description"}, {"ComparisonOperator", "comparison_operator"},
              {"EvaluationPeriods", "evaluation_periods"}, {"MetricName", "metric_name"}, {"Namespace", "namespace"},
              {"Period", "period"}, {"Statistic", "statistic"}, {"Threshold", "threshold"},
              {"ExtendedStatistic", "extended_statistic"}, {"DatapointsToAlarm", "datapoints_to_alarm"},
              {"TreatMissingData", "treat_missing_data"}, {"Unit", "unit"}, {"ActionsEnabled", "actions_enabled"},
              {"AlarmActions", "alarm_actions"}, {"OKActions", "ok_actions"},
              {"InsufficientDataActions", "insufficient_data_actions"},
              {"EvaluateLowSampleCountPercentile", "evaluate_low_sample_count_percentiles"}});
  const auto list = b.take_list("Dimensions");
  if (!list) return;
  json out = json::object();
  for (const json& d : *list) {
    if (!d.is_object() || !d.contains("Name") || !d["Name"].is_string() || !d.contains("Value"))
      return b.refuse("Dimensions (computed)");
    out[template_escape(d["Name"].get<std::string>())] = b.value(d["Value"]);
  }
  b.body()["dimensions"] = out;
}

// DefinitionSubstitutions apply to every ${Key} of the definition: each string holding one
// becomes a Fn::Sub over them.
json substituted(const json& v, const json& substitutions) {
  if (v.is_string() && v.get<std::string>().find("${") != std::string::npos)
    return {{"Fn::Sub", json::array({v, substitutions})}};
  if (v.is_object() && !is_intrinsic(v)) {
    json out = json::object();
    for (const auto& [k, e] : v.items()) out[k] = substituted(e, substitutions);
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (const json& e : v) out.push_back(substituted(e, substitutions));
    return out;
  }
  return v;
}

void definition(ResourceBuilder& b) {
  const json* text = b.take("DefinitionString");
  const json* object = b.take("Definition");
  const json* substitutions = b.take("DefinitionSubstitutions");
  if (b.take("DefinitionS3Location")) return b.needs("needs code from S3: " + b.logical() + " (state machine definition)");
  if (!text && !object) return b.refuse("StateMachine without a definition");
  const json subs = substitutions ? *substitutions : json::object();
  if (!subs.is_object()) return b.refuse("DefinitionSubstitutions (computed)");
  if (object) b.body()["definition"] = b.document(substituted(*object, subs));
  else if (text->is_string()) b.body()["definition"] = b.value(substituted(*text, subs));
  else if (is_intrinsic(*text) && text->begin().key() == "Fn::Sub" && text->begin()->is_string())
    b.body()["definition"] = b.value(substituted(*text->begin(), subs));
  else b.body()["definition"] = b.value(*text);
}

void state_machine(ResourceBuilder& b) {
  b.copy_name("StateMachineName", "name", 80);
  b.copy_all({{"RoleArn", "role_arn"}, {"StateMachineType", "type"}});
  b.copy_tags();
  definition(b);
  if (const json* t = b.take("TracingConfiguration"))
    if (auto block = b.block(*t, "TracingConfiguration", {{"Enabled", "enabled"}})) b.body()["tracing_configuration"] = *block;
  if (const json* l = b.take("LoggingConfiguration")) {
    auto block = b.block(*l, "LoggingConfiguration",
                         {{"Level", "level"}, {"IncludeExecutionData", "include_execution_data"}, {"Destinations", "d"}});
    if (!block) return;
    block->erase("d");
    const json& destinations = l->value("Destinations", json::array());
    if (destinations.is_array() && destinations.size() == 1 && destinations[0].contains("CloudWatchLogsLogGroup") &&
        destinations[0]["CloudWatchLogsLogGroup"].contains("LogGroupArn"))
      (*block)["log_destination"] = b.value(destinations[0]["CloudWatchLogsLogGroup"]["LogGroupArn"]);
    else if (!destinations.empty())
      b.refuse("LoggingConfiguration.Destinations");
    b.body()["logging_configuration"] = *block;
  }
}

}  // namespace

void add_management_types(ResourceTable& table) {
  table["AWS::Logs::LogGroup"] = {"aws_cloudwatch_log_group", "name", {{"Arn", "=\"${@.arn}:*\""}}, log_group};
  table["AWS::Logs::SubscriptionFilter"] = {"aws_cloudwatch_log_subscription_filter", "name", {}, subscription_filter};
  table["AWS::KMS::Key"] = {"aws_kms_key", "key_id", {{"Arn", "arn"}, {"KeyId", "key_id"}}, kms_key};
  table["AWS::KMS::Alias"] = {"aws_kms_alias", "name", {}, kms_alias};
  table["AWS::SSM::Parameter"] = {"aws_ssm_parameter", "name",
                                  {{"Type", "type"}, {"Value", "=nonsensitive(@.value)"}}, ssm_parameter};
  table["AWS::SecretsManager::Secret"] = {"aws_secretsmanager_secret", "arn", {{"Id", "arn"}}, secret};
  table["AWS::CloudWatch::Alarm"] = {"aws_cloudwatch_metric_alarm", "alarm_name", {{"Arn", "arn"}}, alarm};
  table["AWS::StepFunctions::StateMachine"] = {"aws_sfn_state_machine", "arn",
                                               {{"Arn", "arn"}, {"Name", "name"}}, state_machine};
}

}  // namespace lsqm::cfn
