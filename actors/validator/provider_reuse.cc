#include "actors/validator/provider_reuse.h"

#include "formats/version.h"

namespace lsqm {
std::string shared_provider_refusal(const TerraformFacts& facts, const std::string& served_version,
                                    const std::string& pin) {
  // One provider process holds one configuration: a second (an alias, a module's own
  // block) would be configured over the first, and its resources land in the wrong region.
  for (const auto& block : facts.aws_providers)
    if (!block.alias.empty())
      return "it configures more than one aws provider (alias \"" + block.alias + "\")";
  if (facts.module_aws_providers > 0)
    return "a module configures an aws provider of its own";
  // The slot's provider runs in a directory of its own: a relative path would be read there.
  if (!facts.local_file_resources.empty())
    return facts.local_file_resources.front() + " reads a local file, which the slot's provider "
           "would look for in its own directory";
  if (!facts.aws_provider_settings.empty())
    return "its aws provider block sets " + facts.aws_provider_settings.front() +
           ", which a shared provider cannot honour";
  if (!facts.profiles.empty() && !version_satisfies(served_version, ">= 4.0"))
    return "it names AWS profiles, which a shared provider older than 4.0 cannot read";
  const std::string& wanted = pin.empty() ? facts.aws_version_constraint : pin;
  if (!version_satisfies(served_version, wanted))
    return "it asks for aws provider " + wanted + ", the slot serves " + served_version;
  return {};
}

}  // namespace lsqm
