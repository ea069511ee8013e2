// AWS::S3::Bucket (Terraform keeps versioning, encryption, lifecycle, CORS, notifications,
// public access, ownership and website in resources of their own) and BucketPolicy.
#include "actors/miner/cfn/resource_builder.h"

namespace lsqm::cfn {
namespace {

void versioning(ResourceBuilder& b) {
  const json* v = b.take("VersioningConfiguration");
  if (!v) return;
  const auto status = b.block(*v, "VersioningConfiguration", {{"Status", "status"}});
  if (status) b.extra("aws_s3_bucket_versioning", "versioning") = {{"bucket", b.self("id")}, {"versioning_configuration", *status}};
}

void encryption(ResourceBuilder& b) {
  const json* e = b.take("BucketEncryption");
  if (!e) return;
  const auto outer = b.block(*e, "BucketEncryption", {{"ServerSideEncryptionConfiguration", "rules"}});
  if (!outer || !outer->contains("rules")) return;
  const auto rules = b.list((*e)["ServerSideEncryptionConfiguration"], "BucketEncryption.ServerSideEncryptionConfiguration");
  if (!rules) return;
  json out = json::array();
  for (const json& r : *rules) {
    auto rule = b.block(r, "BucketEncryption.Rule", {{"ServerSideEncryptionByDefault", "by_default"}, {"BucketKeyEnabled", "bucket_key_enabled"}});
    if (!rule) return;
    if (r.contains("ServerSideEncryptionByDefault")) {
      const auto by_default = b.block(r["ServerSideEncryptionByDefault"], "ServerSideEncryptionByDefault",
                                      {{"SSEAlgorithm", "sse_algorithm"}, {"KMSMasterKeyID", "kms_master_key_id"}});
      if (!by_default) return;
      rule->erase("by_default");
      (*rule)["apply_server_side_encryption_by_default"] = *by_default;
    }
    out.push_back(*rule);
  }
  b.extra("aws_s3_bucket_server_side_encryption_configuration", "encryption") = {{"bucket", b.self("id")}, {"rule", out}};
}

std::optional<json> lifecycle_rule(ResourceBuilder& b, const json& r) {
  auto rule = b.block(r, "LifecycleConfiguration.Rules",
                      {{"Id", "id"}, {"Status", "status"}, {"Prefix", "prefix"}, {"ExpirationInDays", "expiration_days"},
                       {"NoncurrentVersionExpirationInDays", "noncurrent_days"},
                       {"AbortIncompleteMultipartUpload", "abort"}, {"Transitions", "transitions"},
                       {"NoncurrentVersionExpiration", "noncurrent"}, {"ExpiredObjectDeleteMarker", "delete_marker"}});
  if (!rule) return std::nullopt;
  json out = {{"status", rule->value("status", json("Enabled"))}, {"filter", {{"prefix", rule->value("prefix", json(""))}}}};
  if (rule->contains("id")) out["id"] = (*rule)["id"];
  else out["id"] = "rule";
  if (rule->contains("expiration_days")) out["expiration"] = {{"days", (*rule)["expiration_days"]}};
  if (rule->contains("delete_marker")) out["expiration"]["expired_object_delete_marker"] = (*rule)["delete_marker"];
  if (rule->contains("noncurrent_days")) out["noncurrent_version_expiration"] = {{"noncurrent_days", (*rule)["noncurrent_days"]}};
  if (r.contains("NoncurrentVersionExpiration")) {
    const auto n = b.block(r["NoncurrentVersionExpiration"], "NoncurrentVersionExpiration",
                           {{"NoncurrentDays", "noncurrent_days"}, {"NewerNoncurrentVersions", "newer_noncurrent_versions"}});
    if (n) out["noncurrent_version_expiration"] = *n;
  }
  if (r.contains("AbortIncompleteMultipartUpload")) {
    const auto a = b.block(r["AbortIncompleteMultipartUpload"], "AbortIncompleteMultipartUpload",
                           {{"DaysAfterInitiation", "days_after_initiation"}});
    if (a) out["abort_incomplete_multipart_upload"] = *a;
  }
  if (r.contains("Transitions")) {
    const auto list = b.list(r["Transitions"], "Transitions");
    if (!list) return std::nullopt;
    out["transition"] = json::array();
    for (const json& tr : *list)
      if (auto x = b.block(tr, "Transitions", {{"StorageClass", "storage_class"}, {"TransitionInDays", "days"}}))
        out["transition"].push_back(*x);
  }
  return out;
}

// {property: {member: [...]}}: the list, when the property holds exactly that.
std::optional<json> member_list(ResourceBuilder& b, const std::string& property, const std::string& member) {
  const json* v = b.take(property);
  if (!v || !b.block(*v, property, {{member.c_str(), "list"}}) || !v->contains(member)) return std::nullopt;
  return b.list((*v)[member], property + "." + member);
}

void lifecycle(ResourceBuilder& b) {
  const auto rules = member_list(b, "LifecycleConfiguration", "Rules");
  if (!rules) return;
  json out = json::array();
  for (const json& r : *rules)
    if (auto rule = lifecycle_rule(b, r)) out.push_back(*rule);
  b.extra("aws_s3_bucket_lifecycle_configuration", "lifecycle") = {{"bucket", b.self("id")}, {"rule", out}};
}

void cors(ResourceBuilder& b) {
  const auto rules = member_list(b, "CorsConfiguration", "CorsRules");
  if (!rules) return;
  json out = json::array();
  for (const json& r : *rules)
    if (auto rule = b.block(r, "CorsRules", {{"AllowedHeaders", "allowed_headers"}, {"AllowedMethods", "allowed_methods"},
                                             {"AllowedOrigins", "allowed_origins"}, {"ExposedHeaders", "expose_headers"},
                                             {"Id", "id"}, {"MaxAge", "max_age_seconds"}}))
      out.push_back(*rule);
  b.extra("aws_s3_bucket_cors_configuration", "cors") = {{"bucket", b.self("id")}, {"cors_rule", out}};
}

void public_access(ResourceBuilder& b) {
  const json* p = b.take("PublicAccessBlockConfiguration");
  if (!p) return;
  auto block = b.block(*p, "PublicAccessBlockConfiguration",
                       {{"BlockPublicAcls", "block_public_acls"}, {"BlockPublicPolicy", "block_public_policy"},
                        {"IgnorePublicAcls", "ignore_public_acls"}, {"RestrictPublicBuckets", "restrict_public_buckets"}});
  if (!block) return;
  (*block)["bucket"] = b.self("id");
  b.extra("aws_s3_bucket_public_access_block", "public_access") = *block;
}

void ownership(ResourceBuilder& b) {
  const auto rules = member_list(b, "OwnershipControls", "Rules");
  if (!rules) return;
  if (rules->size() != 1) return b.refuse("OwnershipControls.Rules (not one rule)");
  const auto rule = b.block((*rules)[0], "OwnershipControls.Rules", {{"ObjectOwnership", "object_ownership"}});
  if (rule) b.extra("aws_s3_bucket_ownership_controls", "ownership") = {{"bucket", b.self("id")}, {"rule", *rule}};
}

void website(ResourceBuilder& b) {
  const json* w = b.take("WebsiteConfiguration");
  if (!w) return;
  const auto block = b.block(*w, "WebsiteConfiguration", {{"IndexDocument", "index"}, {"ErrorDocument", "error"}});
  if (!block) return;
  json out = {{"bucket", b.self("id")}};
  if (block->contains("index")) out["index_document"] = {{"suffix", (*block)["index"]}};
  if (block->contains("error")) out["error_document"] = {{"key", (*block)["error"]}};
  b.extra("aws_s3_bucket_website_configuration", "website") = out;
}

// Filter.S3Key.Rules [{Name: prefix|suffix, Value}] → filter_prefix / filter_suffix.
void notification_filter(ResourceBuilder& b, const json& config, json& out) {
  if (!config.contains("Filter")) return;
  const json& f = config["Filter"];
  if (!f.is_object() || !f.contains("S3Key") || !f["S3Key"].is_object() || !f["S3Key"].contains("Rules") ||
      !f["S3Key"]["Rules"].is_array())
    return b.refuse("NotificationConfiguration.Filter (computed)");
  for (const json& rule : f["S3Key"]["Rules"]) {
    if (!rule.is_object() || !rule.contains("Name") || !rule["Name"].is_string() || !rule.contains("Value"))
      return b.refuse("NotificationConfiguration.Filter (computed)");
    std::string name = rule["Name"].get<std::string>();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name != "prefix" && name != "suffix") return b.refuse("NotificationConfiguration.Filter." + name);
    out["filter_" + name] = b.value(rule["Value"]);
  }
}

void notifications(ResourceBuilder& b) {
  const json* n = b.take("NotificationConfiguration");
  if (!n) return;
  struct Kind {
    const char* property;
    const char* target;  // the configuration's member naming the target
    const char* block;
    const char* argument;
  };
  static const Kind kinds[] = {{"LambdaConfigurations", "Function", "lambda_function", "lambda_function_arn"},
                               {"QueueConfigurations", "Queue", "queue", "queue_arn"},
                               {"TopicConfigurations", "Topic", "topic", "topic_arn"}};
  if (!n->is_object()) return b.refuse("NotificationConfiguration (computed)");
  json out = {{"bucket", b.self("id")}};
  for (const auto& [member, v] : n->items()) {
    if (member == "EventBridgeConfiguration") {
      const auto e = b.block(v, "EventBridgeConfiguration", {{"EventBridgeEnabled", "eventbridge"}});
      if (e && e->contains("eventbridge")) out["eventbridge"] = (*e)["eventbridge"];
      continue;
    }
    const Kind* kind = nullptr;
    for (const Kind& k : kinds)
      if (member == k.property) kind = &k;
    if (!kind) {
      b.refuse("NotificationConfiguration." + member);
      continue;
    }
    const auto configs = b.list(v, std::string("NotificationConfiguration.") + member);
    if (!configs) continue;
    for (const json& c : *configs) {
      if (!c.is_object() || !c.contains(kind->target) || !c.contains("Event")) {
        b.refuse(std::string("NotificationConfiguration.") + member + " (incomplete)");
        continue;
      }
      json entry = {{kind->argument, b.value(c[kind->target])}, {"events", json::array({b.value(c["Event"])})}};
      notification_filter(b, c, entry);
      out[kind->block].push_back(entry);
    }
  }
  b.extra("aws_s3_bucket_notification", "notification") = out;
}

void bucket(ResourceBuilder& b) {
  b.copy("BucketName", "bucket");
  b.copy_tags();
  b.copy("ObjectLockEnabled", "object_lock_enabled");
  // A test writes objects; CloudFormation would refuse to delete them too, but an emulator
  // run must tear down cleanly, so emptying is allowed.
  b.body()["force_destroy"] = true;
  versioning(b);
  encryption(b);
  lifecycle(b);
  cors(b);
  public_access(b);
  ownership(b);
  website(b);
  notifications(b);
}

void bucket_policy(ResourceBuilder& b) {
  b.copy("Bucket", "bucket");
  b.copy_document("PolicyDocument", "policy");
}

}  // namespace

void add_s3_types(ResourceTable& table) {
  table["AWS::S3::Bucket"] = {"aws_s3_bucket", "id",
                              {{"Arn", "arn"},
                               {"DomainName", "bucket_domain_name"},
                               {"RegionalDomainName", "bucket_regional_domain_name"},
                               {"DualStackDomainName", "=\"${@.bucket}.s3.dualstack.${@.region}.amazonaws.com\""},
                               {"WebsiteURL", "=\"http://${@.website_endpoint}\""}},
                              bucket};
  table["AWS::S3::BucketPolicy"] = {"aws_s3_bucket_policy", "id", {}, bucket_policy};
}

}  // namespace lsqm::cfn
