#include "adapters/git_handles.h"

namespace lsqm::git {

void ensure_initialised() {
  static const int once = git_libgit2_init();
  (void)once;
}

std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

int check(int rc, std::string_view what) {
  if (rc < 0) throw GitError(std::string(what) + ": " + last_error(), rc);
  return rc;
}

}  // namespace lsqm::git
