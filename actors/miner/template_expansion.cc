#include "actors/miner/template_expansion.h"

namespace lsqm {

void refuse_unknown_properties(std::string_view kind, const nlohmann::json& properties,
                               const std::set<std::string>& known) {
  for (const auto& [name, value] : properties.items())
    if (!known.count(name)) throw ExpansionRefused(std::string(kind) + " property " + name + " not translated");
}

Expansion guarded_expansion(std::string_view malformed, const std::function<void(Expansion&)>& expand) {
  Expansion expansion;
  try {
    expand(expansion);
  } catch (const ExpansionRefused& refused) {
    expansion.skip_reason = refused.what();
  } catch (const std::exception& e) {
    expansion.skip_reason = std::string(malformed) + ": " + e.what();
  }
  if (!expansion.skip_reason.empty()) expansion.cloudformation = nullptr;
  return expansion;
}

}  // namespace lsqm
