#include "actors/miner/service_catalog.h"

namespace lsqm {
namespace {

std::map<std::string, std::string> string_map(const nlohmann::json& j, const std::string& what) {
  if (!j.is_object()) throw CatalogError("resource services: '" + what + "' is not an object");
  std::map<std::string, std::string> out;
  for (auto& [key, value] : j.items()) {
    if (!key.empty() && key[0] == '_') continue;  // a comment
    if (!value.is_string())
      throw CatalogError("resource services: " + what + "." + key + " is not a string");
    out[key] = value.get<std::string>();
  }
  return out;
}

// The value of the longest key of `m` that is a prefix of `s` (a hundred keys: a scan will do).
std::optional<std::string> longest_prefix_value(const std::map<std::string, std::string>& m,
                                                const std::string& s) {
  std::optional<std::string> best;
  std::size_t best_len = 0;
  for (auto& [key, value] : m)
    if (!key.empty() && key.size() > best_len && s.compare(0, key.size(), key) == 0)
      best = value, best_len = key.size();
  return best;
}

}  // namespace

ServiceCatalog ServiceCatalog::from_json(const nlohmann::json& resource_services,
                                         const nlohmann::json& supported_services,
                                         const std::string& edition) {
  if (!resource_services.is_object() || !resource_services.contains("terraform") ||
      !resource_services.contains("cloudformation"))
    throw CatalogError("resource services: needs 'terraform' and 'cloudformation' objects");
  if (!supported_services.is_object() || !supported_services.contains(edition) ||
      !supported_services[edition].is_array())
    throw CatalogError("supported services: no list named '" + edition + "'");
  ServiceCatalog c;
  c.terraform_ = string_map(resource_services["terraform"], "terraform");
  c.cloudformation_ = string_map(resource_services["cloudformation"], "cloudformation");
  for (auto& s : supported_services[edition]) {
    if (!s.is_string()) throw CatalogError("supported services: '" + edition + "' holds a non-string");
    c.supported_.insert(s.get<std::string>());
  }
  return c;
}

std::optional<std::string> ServiceCatalog::service_of_terraform_type(const std::string& type) const {
  if (type.empty()) return std::nullopt;
  return longest_prefix_value(terraform_, type);
}

std::optional<std::string> ServiceCatalog::service_of_cloudformation_type(
    const std::string& type) const {
  // Match whole "::" segments: "AWS::SNS::Topic" must not match a namespace "AWS::S".
  std::optional<std::string> best;
  std::size_t best_len = 0;
  for (auto& [ns, service] : cloudformation_) {
    if (ns.size() <= best_len || type.compare(0, ns.size(), ns) != 0) continue;
    if (type.size() == ns.size() || type.compare(ns.size(), 2, "::") == 0)
      best = service, best_len = ns.size();
  }
  return best;
}

bool ServiceCatalog::is_supported(const std::string& service) const {
  return supported_.count(service) > 0;
}

}  // namespace lsqm
