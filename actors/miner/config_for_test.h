// Test helper: the catalog built from the repository's own config/*.json.
#pragma once

#include <fstream>

#include "actors/miner/service_catalog.h"

namespace lsqm::test {

inline nlohmann::json read_config_json(const std::string& name) {
  std::ifstream in(std::string(LSQM_SOURCE_DIR) + "/config/" + name);
  return nlohmann::json::parse(in);
}

inline const ServiceCatalog& project_catalog() {
  static const ServiceCatalog c = ServiceCatalog::from_json(
      read_config_json("resource_services.json"), read_config_json("supported_services.json"));
  return c;
}

}  // namespace lsqm::test
