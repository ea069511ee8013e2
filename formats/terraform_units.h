// Which directories of a source tree are Terraform root modules (units), and which
// directories a unit needs: itself and the local modules it calls, transitively.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "formats/hcl.h"

namespace lsqm {

// What one directory's *.tf / *.tf.json files say about units. Directories are named as
// resolve_module_dir names them: "" for the source root, else "a/b/".
struct DirTerraform {
  bool declares = false;                   // an aws_ resource, a module call, or an unreadable file
  std::vector<std::string> local_sources;  // module sources "./x" / "../x", as written
};

// Adds one parsed file's facts to its directory's. A file that did not read whole still
// makes its directory a candidate: the miner then refuses the unit and says why.
void note_terraform_file(const hcl::File& file, DirTerraform& dir);

// The candidate directories no other directory calls as a local module, sorted. A call that
// leaves the source root names nothing here.
std::vector<std::string> root_module_dirs(const std::map<std::string, DirTerraform>& dirs);

struct UnitLayout {
  std::string top;       // lowest common ancestor of `dirs` ("" or "a/"): where files are stored from
  std::string root_dir;  // the unit relative to `top`: "" or "examples/a" (no trailing '/')
  std::vector<std::string> dirs;  // the unit and its local modules (transitively), sorted
};

// The layout of `unit` (a key of `dirs`): its local modules followed inside the source root.
UnitLayout unit_layout(const std::map<std::string, DirTerraform>& dirs, const std::string& unit);

}  // namespace lsqm
