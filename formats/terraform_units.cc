#include "formats/terraform_units.h"

#include <deque>
#include <set>

#include "formats/module_source.h"

namespace lsqm {
namespace {

bool is_aws_resource(const hcl::Block& block) {
  return block.type == "resource" && !block.labels.empty() && block.labels[0].rfind("aws_", 0) == 0;
}

// The directories `dir` calls as local modules that exist in `dirs`.
std::vector<std::string> callees(const std::map<std::string, DirTerraform>& dirs,
                                 const std::string& dir, const DirTerraform& facts) {
  std::vector<std::string> out;
  for (const auto& source : facts.local_sources) {
    auto target = resolve_module_dir(dir, source);
    if (target && *target != dir && dirs.count(*target)) out.push_back(*target);
  }
  return out;
}

std::string common_prefix_dir(const std::string& a, const std::string& b) {
  std::size_t end = 0;  // just past the last '/' both share
  for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i)
    if (a[i] == '/') end = i + 1;
  return a.substr(0, end);
}

}  // namespace

void note_terraform_file(const hcl::File& file, DirTerraform& dir) {
  if (!file.error.empty()) dir.declares = true;
  for (const auto& block : file.body.blocks) {
    if (is_aws_resource(block)) dir.declares = true;
    if (block.type != "module") continue;
    dir.declares = true;
    const auto* source = block.body.attribute("source");
    if (source && source->literal &&
        classify_module_source(*source->literal).kind == ModuleSourceKind::local_path)
      dir.local_sources.push_back(*source->literal);
  }
}

std::vector<std::string> root_module_dirs(const std::map<std::string, DirTerraform>& dirs) {
  std::set<std::string> called;
  for (const auto& [dir, facts] : dirs)
    for (auto& target : callees(dirs, dir, facts)) called.insert(target);
  std::vector<std::string> units;
  for (const auto& [dir, facts] : dirs)
    if (facts.declares && !called.count(dir)) units.push_back(dir);
  return units;
}

UnitLayout unit_layout(const std::map<std::string, DirTerraform>& dirs, const std::string& unit) {
  std::set<std::string> seen;
  std::deque<std::string> queue{unit};
  while (!queue.empty()) {
    auto dir = queue.front();
    queue.pop_front();
    if (!seen.insert(dir).second) continue;
    if (auto it = dirs.find(dir); it != dirs.end())
      for (auto& target : callees(dirs, dir, it->second)) queue.push_back(target);
  }
  UnitLayout layout;
  layout.dirs.assign(seen.begin(), seen.end());
  layout.top = unit;
  for (const auto& dir : layout.dirs) layout.top = common_prefix_dir(layout.top, dir);
  layout.root_dir = unit.substr(layout.top.size());
  if (!layout.root_dir.empty() && layout.root_dir.back() == '/') layout.root_dir.pop_back();
  return layout;
}

}  // namespace lsqm
