#include "actors/miner/architecture_builder.h"

#include <algorithm>
#include <set>

#include "actors/miner/content_hash.h"
#include "formats/module_source.h"
#include "formats/provider_address.h"
#include "formats/source_url.h"

namespace lsqm {
namespace {

bool is_aws_type(const std::string& type) { return type.rfind("aws_", 0) == 0; }

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

struct ServiceMapping {
  std::vector<std::string> services;  // sorted, unique
  std::vector<std::string> unmapped;  // aws types no prefix in the catalog matches
};

ServiceMapping map_services(const std::vector<std::string>& resource_types,
                            const ServiceCatalog& catalog) {
  std::set<std::string> services;
  ServiceMapping m;
  for (auto& t : resource_types) {
    if (!is_aws_type(t)) continue;
    if (auto s = catalog.service_of_terraform_type(t)) services.insert(*s);
    else m.unmapped.push_back(t);
  }
  m.services.assign(services.begin(), services.end());
  return m;
}

// The first module call terraform may not load here, as a skip reason; else empty.
std::string module_refusal(const TerraformScan& scan, const IntakePolicy& policy) {
  for (const auto& m : scan.modules)
    if (!m.refusal.empty()) return m.refusal;
  if (!policy.registry_modules)
    for (const auto& m : scan.modules)
      if (m.registry) return "registry module not fetched here: " + m.source;
  return "";
}

}  // namespace

std::string skip_reason_of(const TerraformScan& scan, const ServiceCatalog& catalog,
                           const IntakePolicy& policy) {
  if (!scan.errors.empty()) return "unreadable: " + join(scan.errors);
  if (!scan.provisioners.empty())
    return (scan.provisioners.size() == 1 ? "uses provisioner " : "uses provisioners ") +
           join(scan.provisioners);
  if (scan.uses_external_data) return "uses external data source";
  std::vector<std::string> outside;
  for (auto& p : scan.providers)
    if (std::find(allowed_provider_addresses().begin(), allowed_provider_addresses().end(), p) ==
        allowed_provider_addresses().end())
      outside.push_back(p);
  if (!outside.empty()) return "uses providers outside the allowlist: " + join(outside);
  if (auto refusal = module_refusal(scan, policy); !refusal.empty()) return refusal;
  if (!scan.empty_iteration.empty())
    return "deploys nothing with its defaults: its modules iterate over an empty " +
           scan.empty_iteration;
  if (std::none_of(scan.resource_types.begin(), scan.resource_types.end(), is_aws_type))
    return "no aws resources";
  auto mapping = map_services(scan.resource_types, catalog);
  if (!mapping.unmapped.empty()) return "unmapped resource types: " + join(mapping.unmapped);
  std::vector<std::string> unsupported;
  for (auto& s : mapping.services)
    if (!catalog.is_supported(s)) unsupported.push_back(s);
  if (!unsupported.empty()) return "uses unsupported services: " + join(unsupported);
  if (!scan.needs_input.empty()) return "needs input: " + join(scan.needs_input);
  return "";
}

Architecture make_architecture(const std::string& name, const std::string& source_url,
                               const std::string& source_kind,
                               const std::map<std::string, std::string>& files,
                               const ServiceCatalog& catalog, const std::string& discovered_at,
                               const IntakePolicy& policy, const std::string& root_dir) {
  Architecture a;
  a.root_dir = root_dir;
  a.name = name;
  a.source_url = source_url;
  a.source_kind = source_kind;
  a.discovered_at = discovered_at;
  for (auto& [path, content] : files) a.files[path] = normalize_text(content);
  a.hash = source_kind == "terraform" ? content_hash(a.files) : normalized_hash(a.files);
  auto scan = scan_terraform(a.files, root_dir);
  for (const auto& m : scan.modules)
    if (classify_module_source(m.source).kind != ModuleSourceKind::local_path && !m.source.empty())
      a.modules.push_back(m.version.empty() ? m.source : m.source + " " + m.version);
  a.resource_types = scan.resource_types;
  a.resource_count = scan.resource_count;
  a.services = map_services(scan.resource_types, catalog).services;
  a.skip_reason = skip_reason_of(scan, catalog, policy);
  return a;
}

Architecture make_template_architecture(const NormalizedTemplate& t, const ServiceCatalog& catalog,
                                        const std::string& discovered_at) {
  std::map<std::string, std::string> files;
  if (t.refusal.empty()) files = t.terraform;
  files[std::string(kOriginalDir) + t.template_name] = t.template_text;
  auto a = make_architecture(t.name, t.source_url, t.kind, files, catalog, discovered_at);
  if (!t.refusal.empty()) {
    a.skip_reason = t.refusal;
    // No Terraform to be identified by: each refused unit counts once, wherever it stands
    // (two CDK apps with one cdk.json are two units), across its source's commits.
    files[""] = unit_identity(t.source_url);
    a.hash = content_hash(files);
  }
  return a;
}

Novelty novelty_of(const nlohmann::json& index, const Architecture& arch) {
  if (!index.is_object()) return Novelty::NEW;
  if (index.contains(arch.hash)) return Novelty::KNOWN;
  for (auto& [hash, entry] : index.items())
    if (entry.is_object() && entry.value("source_url", "") == arch.source_url &&
        !arch.source_url.empty())
      return Novelty::CHANGED;
  return Novelty::NEW;
}

bool is_known(const nlohmann::json& index, const Architecture& arch) {
  return novelty_of(index, arch) == Novelty::KNOWN;
}

}  // namespace lsqm
