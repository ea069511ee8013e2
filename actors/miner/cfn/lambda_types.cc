// AWS::Lambda::Function / Permission / EventSourceMapping / Alias / Version / LayerVersion.
// Code is packaged by lsqm (lambda_code.h) and referred to by filename + source_code_hash.
#include "actors/miner/cfn/lambda_code.h"
#include "actors/miner/cfn/resource_builder.h"
#include "formats/base64.h"

namespace lsqm::cfn {
namespace {

std::string literal_string(const json* v) { return v && v->is_string() ? v->get<std::string>() : std::string(); }

// Packages `code` into lambda/<Logical>.zip and points `body` at it; false when it cannot be.
bool package(ResourceBuilder& b, const json& code, const std::string& runtime, const std::string& handler) {
  Translation& t = b.translation();
  const LambdaPackage p = package_lambda_code(code, runtime, handler, t.unit_files, t.template_dir, b.logical());
  if (!p.reason.empty()) {
    const std::string untranslated = "untranslated: ";
    if (p.reason.rfind(untranslated, 0) == 0) t.refuse(p.reason.substr(untranslated.size()));
    else b.needs(p.reason);
    return false;
  }
  const std::string path = "lambda/" + b.logical() + ".zip";
  t.files[path + ".b64"] = base64_encode(p.zip);
  b.body()["filename"] = "${path.module}/" + path;
  b.body()["source_code_hash"] = "${filebase64sha256(\"${path.module}/" + path + "\")}";
  return true;
}

void function_code(ResourceBuilder& b) {
  const json* runtime = b.take("Runtime");
  const json* handler = b.take("Handler");
  const json* code = b.take("Code");
  const json* package_type = b.take("PackageType");
  if (package_type && *package_type == "Image") return b.needs("needs build: " + b.logical() + " (container image)");
  if (!code) return b.refuse("Function without Code");
  if (runtime) b.body()["runtime"] = b.value(*runtime);
  if (handler) b.body()["handler"] = b.value(*handler);
  if ((runtime && !runtime->is_string()) || (handler && !handler->is_string()))
    return b.refuse("Runtime or Handler (computed)");
  package(b, *code, literal_string(runtime), literal_string(handler));
}

void nested_blocks(ResourceBuilder& b) {
  struct Nested {
    const char* property;
    const char* block;
    std::vector<Arg> members;
  };
  const Nested nested[] = {
      {"Environment", "environment", {{"Variables", "variables"}}},
      {"TracingConfig", "tracing_config", {{"Mode", "mode"}}},
      {"VpcConfig", "vpc_config", {{"SecurityGroupIds", "security_group_ids"}, {"SubnetIds", "subnet_ids"},
                                   {"Ipv6AllowedForDualStack", "ipv6_allowed_for_dual_stack"}}},
      {"DeadLetterConfig", "dead_letter_config", {{"TargetArn", "target_arn"}}},
      {"EphemeralStorage", "ephemeral_storage", {{"Size", "size"}}},
      {"LoggingConfig", "logging_config", {{"LogFormat", "log_format"}, {"LogGroup", "log_group"},
                                           {"ApplicationLogLevel", "application_log_level"},
                                           {"SystemLogLevel", "system_log_level"}}},
      {"SnapStart", "snap_start", {{"ApplyOn", "apply_on"}}},
  };
  for (const Nested& n : nested) {
    const json* v = b.take(n.property);
    if (!v) continue;
    if (auto block = b.block(*v, n.property, n.members)) b.body()[n.block] = *block;
  }
  if (b.body().contains("logging_config") && !b.body()["logging_config"].contains("log_format"))
    b.body()["logging_config"]["log_format"] = "Text";  // required by Terraform, CloudFormation's default
}

void function(ResourceBuilder& b) {
  b.copy_name("FunctionName", "function_name");
  b.copy_all({{"Role", "role"}, {"MemorySize", "memory_size"}, {"Timeout", "timeout"},
              {"Description", "description"}, {"Layers", "layers"}, {"Architectures", "architectures"},
              {"ReservedConcurrentExecutions", "reserved_concurrent_executions"}, {"KmsKeyArn", "kms_key_arn"}});
  b.copy_tags();
  nested_blocks(b);
  function_code(b);
}

void permission(ResourceBuilder& b) {
  b.copy_all({{"Action", "action"}, {"FunctionName", "function_name"}, {"Principal", "principal"},
              {"SourceArn", "source_arn"}, {"SourceAccount", "source_account"},
              {"EventSourceToken", "event_source_token"}, {"FunctionUrlAuthType", "function_url_auth_type"},
              {"PrincipalOrgID", "principal_org_id"}});
}

void event_source_mapping(ResourceBuilder& b) {
  b.copy_all({{"EventSourceArn", "event_source_arn"}, {"FunctionName", "function_name"}, {"BatchSize", "batch_size"},
              {"Enabled", "enabled"}, {"StartingPosition", "starting_position"},
              {"StartingPositionTimestamp", "starting_position_timestamp"},
              {"MaximumBatchingWindowInSeconds", "maximum_batching_window_in_seconds"},
              {"FunctionResponseTypes", "function_response_types"}, {"ParallelizationFactor", "parallelization_factor"},
              {"MaximumRetryAttempts", "maximum_retry_attempts"},
              {"BisectBatchOnFunctionError", "bisect_batch_on_function_error"},
              {"MaximumRecordAgeInSeconds", "maximum_record_age_in_seconds"},
              {"TumblingWindowInSeconds", "tumbling_window_in_seconds"}, {"Queues", "queues"}, {"Topics", "topics"}});
  if (const json* s = b.take("SourceAccessConfigurations"))
    if (const auto list = b.list(*s, "SourceAccessConfigurations"))
      for (const json& c : *list)
        if (auto block = b.block(c, "SourceAccessConfigurations", {{"Type", "type"}, {"URI", "uri"}}))
          b.body()["source_access_configuration"].push_back(*block);
  if (const json* f = b.take("FilterCriteria")) {
    const auto criteria = b.block(*f, "FilterCriteria", {{"Filters", "filter"}});
    if (criteria && f->contains("Filters") && (*f)["Filters"].is_array()) {
      json filters = json::array();
      for (const json& x : (*f)["Filters"])
        if (auto one = b.block(x, "FilterCriteria.Filters", {{"Pattern", "pattern"}})) filters.push_back(*one);
      b.body()["filter_criteria"] = {{"filter", filters}};
    }
  }
  if (const json* d = b.take("DestinationConfig")) {
    if (d->is_object() && d->contains("OnFailure"))
      if (auto on_failure = b.block((*d)["OnFailure"], "DestinationConfig.OnFailure", {{"Destination", "destination_arn"}}))
        b.body()["destination_config"] = {{"on_failure", *on_failure}};
    if (!d->is_object() || d->size() != 1 || !d->contains("OnFailure")) b.refuse("DestinationConfig");
  }
  if (const json* s = b.take("ScalingConfig"))
    if (auto scaling = b.block(*s, "ScalingConfig", {{"MaximumConcurrency", "maximum_concurrency"}}))
      b.body()["scaling_config"] = *scaling;
}

void alias(ResourceBuilder& b) {
  b.copy_all({{"Name", "name"}, {"FunctionName", "function_name"}, {"FunctionVersion", "function_version"},
              {"Description", "description"}});
}

void layer(ResourceBuilder& b) {
  b.copy_name("LayerName", "layer_name", 140);
  b.copy_all({{"CompatibleRuntimes", "compatible_runtimes"}, {"CompatibleArchitectures", "compatible_architectures"},
              {"Description", "description"}, {"LicenseInfo", "license_info"}});
  const json* content = b.take("Content");
  if (!content) return b.refuse("LayerVersion without Content");
  package(b, *content, "", "");
}

// A published version of a function in the template: Terraform publishes it on the function.
void version(ResourceBuilder& b) {
  Translation& t = b.translation();
  const json* function = b.take("FunctionName");
  b.take("Description");  // the version's label only
  const auto stand_in = t.stand_ins.find(b.logical());
  if (!function || stand_in == t.stand_ins.end() || stand_in->second.rfind("aws_lambda_function.", 0) != 0)
    return b.refuse("Version of a function outside the template");
  t.resource["aws_lambda_function"][stand_in->second.substr(stand_in->second.find('.') + 1)]["publish"] = true;
}

void function_url(ResourceBuilder& b) {
  b.copy_all({{"TargetFunctionArn", "function_name"}, {"AuthType", "authorization_type"},
              {"InvokeMode", "invoke_mode"}, {"Qualifier", "qualifier"}});
  const json* cors = b.take("Cors");
  if (!cors) return;
  if (auto block = b.block(*cors, "Cors", {{"AllowCredentials", "allow_credentials"}, {"AllowHeaders", "allow_headers"},
                                           {"AllowMethods", "allow_methods"}, {"AllowOrigins", "allow_origins"},
                                           {"ExposeHeaders", "expose_headers"}, {"MaxAge", "max_age"}}))
    b.body()["cors"] = *block;
}

}  // namespace

void add_lambda_types(ResourceTable& table) {
  table["AWS::Lambda::Function"] = {"aws_lambda_function", "function_name",
                                    {{"Arn", "arn"}, {"SnapStartResponse.ApplyOn", "snap_start[0].apply_on"}}, function};
  table["AWS::Lambda::Permission"] = {"aws_lambda_permission", "id", {}, permission};
  table["AWS::Lambda::EventSourceMapping"] = {"aws_lambda_event_source_mapping", "uuid", {{"Id", "uuid"}},
                                              event_source_mapping};
  table["AWS::Lambda::Alias"] = {"aws_lambda_alias", "arn", {{"AliasArn", "arn"}}, alias};
  table["AWS::Lambda::Version"] = {"", "=@.qualified_arn", {{"Version", "=@.version"}, {"FunctionArn", "=@.arn"}},
                                   version, "FunctionName"};
  table["AWS::Lambda::Url"] = {"aws_lambda_function_url", "function_arn",
                               {{"FunctionUrl", "function_url"}, {"FunctionArn", "function_arn"}}, function_url};
  table["AWS::Lambda::LayerVersion"] = {"aws_lambda_layer_version", "arn", {{"LayerVersionArn", "arn"}}, layer};
}

}  // namespace lsqm::cfn
