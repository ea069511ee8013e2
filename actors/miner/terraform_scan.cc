#include "actors/miner/terraform_scan.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <set>

#include "formats/hcl.h"
#include "formats/module_source.h"
#include "formats/provider_address.h"
#include "formats/terraform_inputs.h"
#include "formats/terraform_file.h"

namespace lsqm {
namespace {

std::string parent_dir(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

struct ParsedFile {
  std::string path;
  hcl::File file;
};

// What one pass over a unit collects before it is sorted into a TerraformScan.
struct Collected {
  std::set<std::string> resource_types, data_types, providers, provisioners;
  int resource_count = 0;
  bool external_data = false;
  std::vector<ModuleCall> modules;
  std::vector<std::string> errors;
};

// The provider local names a directory uses, and the sources its required_providers give.
struct DirProviders {
  std::set<std::string> local_names;
  std::map<std::string, std::string> source_of;  // local name → source as written
  std::set<std::string> unreadable;              // local names whose source is not a plain string
  std::vector<std::string> errors;
};

void note_required_providers(const ParsedFile& f, const hcl::Block& required, DirProviders& d) {
  for (const auto& entry : required.body.attributes) {
    d.local_names.insert(entry.name);
    auto source = entry.object_strings.find("source");
    if (source != entry.object_strings.end()) {
      d.source_of[entry.name] = source->second;
    } else if (entry.is_object && entry.expression.find("source") != std::string::npos) {
      d.unreadable.insert(entry.name);
      d.errors.push_back(f.path + ": provider " + entry.name + " has a source that is not a plain string");
    }
  }
}

// Refusal-relevant facts of one file: provisioners, external data, provider names.
void scan_policy(const ParsedFile& f, Collected& c, DirProviders& d) {
  for (const auto* block : hcl::all_blocks(f.file.body))
    if (block->type == "provisioner")
      c.provisioners.insert(block->labels.empty() ? "provisioner" : block->labels[0]);
  for (const auto& block : f.file.body.blocks) {
    const auto& labels = block.labels;
    if ((block.type == "resource" || block.type == "data") && !labels.empty()) {
      d.local_names.insert(labels[0].substr(0, labels[0].find('_')));
      // `provider = NAME.alias` picks another local name (terraform implies hashicorp/NAME).
      if (const auto* chosen = block.body.attribute("provider"))
        d.local_names.insert(chosen->expression.substr(0, chosen->expression.find('.')));
    }
    if (block.type == "data" && !labels.empty() && labels[0] == "external") c.external_data = true;
    if (block.type == "provider" && !labels.empty()) d.local_names.insert(labels[0]);
    if (block.type == "terraform")
      for (const auto& inner : block.body.blocks)
        if (inner.type == "required_providers") note_required_providers(f, inner, d);
  }
}

void resolve_providers(const std::string& dir, const DirProviders& d, Collected& c) {
  for (const auto& e : d.errors) c.errors.push_back(e);
  for (const auto& name : d.local_names) {
    if (name == "terraform" || d.unreadable.count(name)) continue;  // built in, or refused already
    auto it = d.source_of.find(name);
    auto source = it == d.source_of.end() ? name : it->second;
    if (auto address = provider_address(source)) c.providers.insert(*address);
    else c.errors.push_back((dir.empty() ? "root module" : dir) + ": provider " + name +
                            " has an unreadable source \"" + source + "\"");
  }
}

// Resources, data sources and module calls of a file terraform loads.
void scan_structure(const ParsedFile& f, Collected& c) {
  for (const auto& block : f.file.body.blocks) {
    const auto& labels = block.labels;
    if (block.type == "resource" && !labels.empty()) {
      c.resource_types.insert(labels[0]);
      ++c.resource_count;
    } else if (block.type == "data" && !labels.empty()) {
      c.data_types.insert(labels[0]);
    } else if (block.type == "module" && !labels.empty()) {
      ModuleCall call{labels[0], "", "", false, false, ""};
      if (const auto* version = block.body.attribute("version"); version && version->literal)
        call.version = *version->literal;
      const auto* source = block.body.attribute("source");
      if (source && source->literal) call.source = *source->literal;
      else call.refusal = "module " + call.name + ": source is missing or not a plain string";
      c.modules.push_back(call);
    }
  }
}

// Sorts a module call; returns the unit directory to scan next for a local module.
std::optional<std::string> place_module(const std::string& dir, ModuleCall& call,
                                        const std::set<std::string>& terraform_dirs) {
  if (!call.refusal.empty()) return std::nullopt;
  auto kind = classify_module_source(call.source);
  if (kind.kind == ModuleSourceKind::refused) {
    call.refusal = "module " + call.name + ": " + kind.reason;
    return std::nullopt;
  }
  if (kind.kind == ModuleSourceKind::registry) {
    call.registry = true;
    return std::nullopt;
  }
  auto target = resolve_module_dir(dir, call.source);
  if (!target) {
    call.refusal = "module " + call.name + ": source \"" + call.source + "\" leaves the source tree";
    return std::nullopt;
  }
  if (!terraform_dirs.count(*target)) {
    call.refusal = "module " + call.name + ": no Terraform files at \"" + call.source + "\"";
    return std::nullopt;
  }
  call.scanned = true;
  return target;
}

std::map<std::string, std::vector<ParsedFile>> parse_by_dir(
    const std::map<std::string, std::string>& files, Collected& c) {
  std::map<std::string, std::vector<ParsedFile>> by_dir;
  for (const auto& [path, content] : files) {
    if (path.ends_with(".b64") && is_terraform_config(path.substr(0, path.size() - 4))) {
      c.errors.push_back(path + ": a Terraform file stored base64-encoded");
      continue;
    }
    if (!is_terraform_config(path)) continue;
    ParsedFile f{path, parse_terraform_file(path, content)};
    if (!f.file.error.empty()) c.errors.push_back(path + ": " + f.file.error);
    by_dir[parent_dir(path)].push_back(std::move(f));
  }
  return by_dir;
}

std::string trimmed(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

// The root variable an iteration runs over ("var.items" → "items"); empty when it is anything
// else (a literal, a local, an expression).
std::string iterated_variable(const hcl::Body& module_call) {
  const auto* it = module_call.attribute("for_each");
  if (!it) it = module_call.attribute("count");
  if (!it) return "";
  auto expr = trimmed(it->expression);
  if (expr.rfind("var.", 0) != 0) return "";
  auto name = expr.substr(4);
  bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
  });
  return plain ? name : "";
}

// The root module declares no resource, and each of its module calls iterates (for_each /
// count) over a variable whose default is empty: as mined, it creates nothing. This is the
// shape of terraform-aws-modules' `wrappers/` (module "wrapper" { for_each = var.items }).
std::string empty_iteration(const std::vector<ParsedFile>& root_files) {
  std::map<std::string, std::string> defaults;  // variable → default expression
  std::vector<std::string> iterated;
  bool any_call = false;
  for (const auto& f : root_files)
    for (const auto& block : f.file.body.blocks) {
      if (block.type == "resource") return "";
      if (block.type == "variable" && !block.labels.empty())
        if (const auto* d = block.body.attribute("default")) defaults[block.labels[0]] = trimmed(d->expression);
      if (block.type != "module") continue;
      any_call = true;
      auto name = iterated_variable(block.body);
      if (name.empty()) return "";
      iterated.push_back(name);
    }
  if (!any_call) return "";
  for (const auto& name : iterated) {
    auto d = defaults.find(name);
    if (d == defaults.end() || (d->second != "{}" && d->second != "[]" && d->second != "0"))
      return "";
  }
  return "var." + iterated.front();
}

TerraformScan sorted(Collected c) {
  TerraformScan scan;
  scan.resource_types.assign(c.resource_types.begin(), c.resource_types.end());
  scan.data_types.assign(c.data_types.begin(), c.data_types.end());
  scan.resource_count = c.resource_count;
  scan.providers.assign(c.providers.begin(), c.providers.end());
  scan.provisioners.assign(c.provisioners.begin(), c.provisioners.end());
  scan.uses_external_data = c.external_data;
  scan.modules = std::move(c.modules);
  scan.errors = std::move(c.errors);
  return scan;
}

}  // namespace

TerraformScan scan_terraform(const std::map<std::string, std::string>& files,
                             const std::string& root_dir) {
  Collected c;
  auto by_dir = parse_by_dir(files, c);
  std::set<std::string> terraform_dirs;
  for (const auto& [dir, parsed] : by_dir) {
    terraform_dirs.insert(dir);
    DirProviders d;
    for (const auto& f : parsed) scan_policy(f, c, d);
    resolve_providers(dir, d, c);
  }
  std::set<std::string> scanned_dirs;
  std::deque<std::string> dirs{root_dir.empty() ? "" : root_dir + "/"};
  while (!dirs.empty()) {
    auto dir = dirs.front();
    dirs.pop_front();
    if (!scanned_dirs.insert(dir).second) continue;
    std::size_t modules_before = c.modules.size();
    for (const auto& f : by_dir[dir]) scan_structure(f, c);
    for (std::size_t k = modules_before; k < c.modules.size(); ++k)
      if (auto target = place_module(dir, c.modules[k], terraform_dirs)) dirs.push_back(*target);
  }
  auto scan = sorted(std::move(c));
  scan.empty_iteration = empty_iteration(by_dir[root_dir.empty() ? "" : root_dir + "/"]);
  // The region and the name are known at validation; only what stays missing matters here.
  scan.needs_input = plan_inputs(files, root_dir, "region", "name").missing;
  return scan;
}

}  // namespace lsqm
