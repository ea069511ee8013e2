// Secrets out of text: every occurrence of every (non-empty) secret becomes "***".
#pragma once

#include <string>
#include <vector>

namespace lsqm {

std::string redact_secrets(std::string text, const std::vector<std::string>& secrets);

}  // namespace lsqm
