#include "adapters/local_source.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <system_error>

#include "formats/hcl.h"
#include "formats/terraform_json.h"
#include "formats/terraform_units.h"
#include "formats/terraform_file.h"

namespace fs = std::filesystem;

namespace lsqm {
namespace {

// Names terraform reads as configuration, variables or settings.
bool is_terraform_file(const std::string& path) {
  auto slash = path.rfind('/');
  auto name = slash == std::string::npos ? path : path.substr(slash + 1);
  return is_terraform_config(name) || name.ends_with(".tfvars") ||
         name.ends_with(".tfvars.json") || name == ".terraformrc" || name == "terraform.rc" ||
         name == ".terraform.lock.hcl";
}

bool declares_aws_resource(const hcl::Body& body) {
  for (const auto& block : body.blocks)
    if (block.type == "resource" && !block.labels.empty() && block.labels[0].rfind("aws_", 0) == 0)
      return true;
  return false;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw SourceError("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool is_inside(const fs::path& root_canonical, const fs::path& p) {
  std::error_code ec;
  auto target = fs::weakly_canonical(p, ec);
  if (ec) return false;
  auto rel = target.lexically_relative(root_canonical);
  return !rel.empty() && *rel.begin() != "..";
}

// The facts of one directory's Terraform files; nothing when it holds none. Each file is
// read once.
std::optional<DirTerraform> dir_terraform(const fs::path& dir) {
  std::optional<DirTerraform> facts;
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    auto name = it->path().filename().string();
    if (is_ignored(it->path()) || it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    if (!is_terraform_config(name)) continue;
    if (!facts) facts.emplace();
    try {
      auto text = read_file(it->path());
      note_terraform_file(parse_terraform_file(name, text), *facts);
    } catch (const SourceError&) {
      // An unreadable file does not make a unit; the others may.
    }
  }
  return facts;
}

// "a/b/" for root/a/b, "" for the root itself (the keys of formats/terraform_units.h).
std::string dir_key(const fs::path& root, const fs::path& dir) {
  auto rel = dir.lexically_relative(root).generic_string();
  return rel.empty() || rel == "." ? "" : rel + "/";
}

fs::path dir_path(const fs::path& root, const std::string& key) {
  return key.empty() ? root : root / key.substr(0, key.size() - 1);
}

// Text files are stored as they are; only real binary files (zips) travel base64-encoded,
// as "name.b64". Anything that would blur the two is refused.
void store_unit_file(const std::string& rel, std::string content,
                     std::map<std::string, std::string>& files) {
  if (!is_utf8_text(rel)) throw SourceError("file name is not UTF-8: " + escape_non_utf8(rel));
  bool text = is_utf8_text(content);
  if (!text && is_terraform_file(rel))
    throw SourceError(rel + ": a Terraform file that is not UTF-8 text (or holds a NUL byte)");
  if (text && rel.ends_with(".b64"))
    throw SourceError(rel + ": a text file named .b64 (it would be decoded into another file)");
  if (text) files[rel] = std::move(content);
  else files[rel + ".b64"] = base64_encode(content);
}

// Reads directories into one file map under the limits of one unit.
struct UnitReader {
  const UnitLimits& limits;
  std::map<std::string, std::string> files;
  std::uintmax_t total = 0;

  // Every file under `dir`, keyed `prefix` + its relative path; subdirectories for which
  // `skip_dir` is true are left out.
  void read_dir(const fs::path& dir, const std::string& prefix,
                const std::function<bool(const fs::path&)>& skip_dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw SourceError("not a directory: " + escape_non_utf8(dir.string()));
    if (!is_utf8_text(dir.string()))
      throw SourceError("directory name is not UTF-8: " + escape_non_utf8(dir.string()));
    auto dir_canonical = fs::canonical(dir, ec);
    if (ec) throw SourceError("cannot resolve " + dir.string() + ": " + ec.message());
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw SourceError("cannot list " + dir.string() + ": " + ec.message());
    for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
      if (ec) throw SourceError("cannot list " + dir.string() + ": " + ec.message());
      const auto& p = it->path();
      if (is_ignored(p)) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_symlink(ec) && !is_inside(dir_canonical, p)) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec)) {
        // A symlinked directory is not entered, even one pointing inside (no cycles).
        if (it.depth() + 1 >= limits.max_depth || skip_dir(p)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) read_one(dir, p, prefix + p.lexically_relative(dir).generic_string(), it->file_size(ec), ec);
    }
  }

  void read_one(const fs::path& dir, const fs::path& p, const std::string& rel, std::uintmax_t size,
                const std::error_code& ec) {
    if (ec) throw SourceError("cannot stat " + p.string());
    if (size > limits.max_file_bytes) {
      if (is_terraform_file(p.filename().string()))
        throw SourceError("terraform file too large: " + rel + " (" + std::to_string(size) + " bytes)");
      return;
    }
    total += size;
    if (files.size() + 1 > limits.max_files)
      throw SourceError("unit has more than " + std::to_string(limits.max_files) + " files: " + dir.string());
    if (total > limits.max_unit_bytes)
      throw SourceError("unit larger than " + std::to_string(limits.max_unit_bytes) + " bytes: " + dir.string());
    store_unit_file(rel, read_file(p), files);
  }
};

}  // namespace

bool is_ignored(const fs::path& p) {
  auto name = p.filename().string();
  return name.empty() || name[0] == '.' || name == "node_modules" || name == "__pycache__" ||
         name.find(".tfstate") != std::string::npos;
}

bool declares_aws_resource_hcl(std::string_view hcl) {
  auto file = hcl::parse(hcl);
  return file.error.empty() && declares_aws_resource(file.body);
}

bool declares_aws_resource_json(std::string_view json_text) {
  auto file = parse_terraform_json(json_text);
  return file.error.empty() && declares_aws_resource(file.body);
}

SourceTree scan_source_tree(const fs::path& root, int max_depth) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw SourceError("not a directory: " + root.string());
  SourceTree tree{root, {}};
  if (auto facts = dir_terraform(root)) tree.dirs[""] = std::move(*facts);
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw SourceError("cannot list " + root.string() + ": " + ec.message());
  for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    // Directory symlinks are listed but never entered (no follow_directory_symlink).
    if (it->is_symlink(ec) || !it->is_directory(ec)) continue;
    if (is_ignored(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    if (it.depth() + 1 >= max_depth) it.disable_recursion_pending();
    if (auto facts = dir_terraform(it->path())) tree.dirs[dir_key(root, it->path())] = std::move(*facts);
  }
  return tree;
}

std::vector<SourceUnit> root_modules(const SourceTree& tree) {
  std::vector<SourceUnit> units;
  for (const auto& dir : root_module_dirs(tree.dirs))
    units.push_back({dir_path(tree.root, dir), unit_layout(tree.dirs, dir)});
  return units;
}

std::vector<fs::path> find_terraform_units(const fs::path& root, int max_depth) {
  std::vector<fs::path> units;
  for (auto& unit : root_modules(scan_source_tree(root, max_depth))) units.push_back(unit.dir);
  return units;
}

std::map<std::string, std::string> read_unit_files(const fs::path& dir, const UnitLimits& limits) {
  UnitReader reader{limits, {}, 0};
  reader.read_dir(dir, "", [](const fs::path&) { return false; });
  return std::move(reader.files);
}

std::map<std::string, std::string> read_unit(const SourceTree& tree, const SourceUnit& unit,
                                             const UnitLimits& limits) {
  UnitReader reader{limits, {}, 0};
  // Another Terraform directory below one of the unit's is read only if the unit calls it.
  auto other_terraform_dir = [&](const fs::path& p) {
    return tree.dirs.count(dir_key(tree.root, p)) > 0;
  };
  for (const auto& dir : unit.layout.dirs)
    reader.read_dir(dir_path(tree.root, dir), dir.substr(unit.layout.top.size()), other_terraform_dir);
  return std::move(reader.files);
}

std::string base64_decode(std::string_view text) {
  auto bytes = base64_decoded(text);
  if (!bytes) throw SourceError("malformed base64 text");
  return std::move(*bytes);
}

std::pair<std::string, std::string> stored_file_on_disk(const std::string& path,
                                                        const std::string& content) {
  constexpr std::string_view suffix = ".b64";
  if (!path.ends_with(suffix)) return {path, content};
  auto name = path.substr(0, path.size() - suffix.size());
  if (name.empty() || is_terraform_file(name))
    throw SourceError("refusing to decode " + escape_non_utf8(path) +
                      ": a Terraform file never travels base64-encoded");
  return {name, base64_decode(content)};
}

}  // namespace lsqm
