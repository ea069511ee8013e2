// Owning handles for libgit2 objects and error reporting: every libgit2 call in lsqm goes
// through `check`, so a failure carries libgit2's own message.
#pragma once

#include <git2.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lsqm::git {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Handle<git_repository, git_repository_free>;
using Remote = Handle<git_remote, git_remote_free>;
using Reference = Handle<git_reference, git_reference_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Index = Handle<git_index, git_index_free>;
using Diff = Handle<git_diff, git_diff_free>;
using Signature = Handle<git_signature, git_signature_free>;

// git_libgit2_init() once per process.
void ensure_initialised();

// libgit2's message for the last failure on this thread.
std::string last_error();

// A libgit2 call failed for a reason other than the network.
class GitError : public std::runtime_error {
 public:
  GitError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// Throws GitError("<what>: <libgit2 message>") when rc < 0; returns rc otherwise.
int check(int rc, std::string_view what);

}  // namespace lsqm::git
