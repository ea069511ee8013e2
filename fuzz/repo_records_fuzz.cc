// The artifact repository's records come from other machines (a teammate's run, a damaged
// clone): merging index.json and the trends after a lost push race, reading a verdict log,
// taking a token out of a URL, and checking names before they become paths must survive
// any bytes. Input: ours, a 0xff byte, theirs.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "formats/repo_layout.h"
#include "formats/repo_merge.h"
#include "formats/url_userinfo.h"
#include "formats/verdict_log.h"

namespace {

void require_json_if_both(const std::string& merged, const std::string& a, const std::string& b) {
  bool both = nlohmann::json::accept(a) && nlohmann::json::accept(b);
  if (both && !nlohmann::json::accept(merged)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto cut = text.find('\xff');
  const std::string ours = text.substr(0, cut);
  const std::string theirs = cut == std::string::npos ? "" : text.substr(cut + 1);

  require_json_if_both(lsqm::merge_index(ours, theirs), ours, theirs);
  require_json_if_both(lsqm::merge_trend(ours, theirs), ours, theirs);
  (void)lsqm::merged_content("architectures/index.json", ours, theirs);
  (void)lsqm::verdicts_from_log(text);

  (void)lsqm::url_without_userinfo(ours);
  (void)lsqm::url_secret(ours);
  (void)lsqm::url_host(ours);

  // A name that passes the checks is one path component, never a way out of the clone.
  for (const auto& name : {ours, theirs}) {
    if (lsqm::layout::is_arch_hash(name) || lsqm::layout::is_run_id(name)) {
      if (name.find('/') != std::string::npos || name.find("..") != std::string::npos ||
          name.find('\0') != std::string::npos)
        std::abort();
    }
  }
  return 0;
}
