// Architecture units in a local directory tree, and the files that make one up.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "formats/base64.h"  // base64_encode
#include "formats/terraform_units.h"
#include "formats/utf8.h"  // is_utf8_text

namespace lsqm {

struct SourceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct UnitLimits {
  int max_depth = 4;                            // subdirectories below the unit (local modules, src/)
  std::uintmax_t max_file_bytes = 1 << 20;      // larger non-Terraform files are left out
  std::uintmax_t max_unit_bytes = 16 << 20;     // more than this in total: SourceError
  std::size_t max_files = 500;                  // more files than this: SourceError
};

// The Terraform directories under `root` (root included), each read once. Skips hidden
// directories (.git, .terraform, …) and node_modules; never follows a directory symlink; goes
// at most `max_depth` levels down. Throws SourceError when `root` is not a readable directory.
struct SourceTree {
  std::filesystem::path root;
  std::map<std::string, DirTerraform> dirs;  // "" / "a/b/" → facts (formats/terraform_units.h)
};
SourceTree scan_source_tree(const std::filesystem::path& root, int max_depth = 10);

// A root module of a source tree and the directories it needs.
struct SourceUnit {
  std::filesystem::path dir;
  UnitLayout layout;
};
// The tree's root modules: directories declaring `aws_` resources or module calls that no
// other directory calls as a local module. Sorted.
std::vector<SourceUnit> root_modules(const SourceTree& tree);
// The directories of root_modules(scan_source_tree(root, max_depth)).
std::vector<std::filesystem::path> find_terraform_units(const std::filesystem::path& root,
                                                        int max_depth = 10);

// A unit's files with its local modules, keyed relative to unit.layout.top (so "../../"
// resolves as in the tree); a Terraform directory below them is left out unless the unit
// calls it. Otherwise as read_unit_files, under one set of limits.
std::map<std::string, std::string> read_unit(const SourceTree& tree, const SourceUnit& unit,
                                             const UnitLimits& limits = {});

// The unit's files, keyed by path relative to `dir` with '/' separators: every regular file
// in `dir` and its subdirectories (local modules, Lambda sources), except hidden entries,
// node_modules and terraform state. JSON holds UTF-8 only, so a file that is not valid UTF-8
// text (zip, image, …) is stored base64-encoded under its path + ".b64". Throws SourceError
// for a Terraform file (.tf, .tf.json, .tfvars…) that is not UTF-8 text or holds a NUL, a
// text file named *.b64, and a directory or file name that is not UTF-8. A symlink is followed
// only when its target stays inside `dir`. A Terraform file (.tf, .tf.json, .tfvars) larger
// than max_file_bytes, or a unit over max_files / max_unit_bytes, throws SourceError rather
// than yielding an incomplete unit; other oversized files are left out.
std::map<std::string, std::string> read_unit_files(const std::filesystem::path& dir,
                                                   const UnitLimits& limits = {});

// Directories and files no unit contains and no scan enters: hidden ones (VCS, .terraform,
// .aws-sam), node_modules, __pycache__, terraform state.
bool is_ignored(const std::filesystem::path& p);

// True when the HCL text reads and declares a `resource "aws_…"` (formats/hcl.h).
bool declares_aws_resource_hcl(std::string_view hcl);
// True when the Terraform JSON text reads and has a "resource" object with an "aws_…" key.
bool declares_aws_resource_json(std::string_view json_text);

// The inverse of base64_encode; throws SourceError on malformed input.
std::string base64_decode(std::string_view text);
// A stored file name and content as they are on disk: "x.zip.b64" → "x.zip", decoded.
// Throws SourceError when the decoded name would be a Terraform file (x.tf.b64 → x.tf).
std::pair<std::string, std::string> stored_file_on_disk(const std::string& path,
                                                        const std::string& content);

}  // namespace lsqm
