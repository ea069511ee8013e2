// An Architecture from a unit's files: its hash, what it deploys, and whether to skip it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/miner/service_catalog.h"
#include "actors/miner/terraform_scan.h"
#include "messages/architecture.h"

namespace lsqm {

// What the configuration lets terraform fetch beyond the unit's own files.
struct IntakePolicy {
  bool registry_modules = false;  // modules from the public Terraform Registry (unscanned)
};

// Files are stored normalized (normalize_text); `hash` is content_hash of them. The first
// reason that applies becomes `skip_reason`: unreadable file, "uses provisioner local-exec",
// "uses external data source", "uses providers outside the allowlist: x", a refused module
// source, "registry module not fetched here: x", "deploys nothing with its defaults: …",
// "no aws resources", "unmapped resource
// types: aws_x", "uses unsupported services: eks", "needs input: vpc_id, subnet_ids".
// `root_dir` is the root module's directory among the files (Architecture::root_dir);
// resources and services count it and its local modules. Non-local module calls are
// recorded in `modules` ("source version").
Architecture make_architecture(const std::string& name, const std::string& source_url,
                               const std::string& source_kind,
                               const std::map<std::string, std::string>& files,
                               const ServiceCatalog& catalog, const std::string& discovered_at,
                               const IntakePolicy& policy = {}, const std::string& root_dir = "");

// A template unit after normalization (actors/miner/normalize_template.h).
struct NormalizedTemplate {
  std::string name;
  std::string source_url;
  std::string kind;           // cloudformation | sam | serverless | cdk (template_kind_name)
  std::string template_name;  // the template's file name, stored as original/<template_name>
  std::string template_text;
  std::map<std::string, std::string> terraform;  // the translation's files; ignored when refused
  std::string refusal;        // why it was not translated whole; empty when it was
};

// The Architecture of a normalized template: its Terraform (normalized as make_architecture
// does) plus the original template under original/, judged like any Terraform unit, its hash
// over the Terraform alone (normalized_hash). A refused template keeps only its original, with
// the refusal as skip_reason, and is hashed with where it was found (unit_identity).
Architecture make_template_architecture(const NormalizedTemplate& t, const ServiceCatalog& catalog,
                                        const std::string& discovered_at);

// The skip reason for a scanned unit, empty when it is to be validated.
std::string skip_reason_of(const TerraformScan& scan, const ServiceCatalog& catalog,
                           const IntakePolicy& policy = {});

// How an architecture stands against architectures/index.json (hash → IndexEntry).
enum class Novelty {
  NEW,      // neither its hash nor its source_url is in the index
  KNOWN,    // its hash is in the index
  CHANGED,  // its source_url is in the index under another hash
};
Novelty novelty_of(const nlohmann::json& index, const Architecture& arch);
bool is_known(const nlohmann::json& index, const Architecture& arch);

}  // namespace lsqm
