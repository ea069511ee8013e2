#include "adapters/template_source.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "adapters/local_source.h"
#include "formats/yaml_document.h"

namespace fs = std::filesystem;

namespace lsqm {
namespace {

std::string read_whole(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw SourceError("cannot read " + p.filename().string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool has_synthesized_template(const fs::path& app_dir) {
  std::error_code ec;
  for (fs::directory_iterator it(app_dir / "cdk.out", ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().ends_with(".template.json")) return true;
  return false;
}

struct TemplateScan {
  const TemplateScanLimits& limits;
  std::vector<TemplateUnit> units;
  std::size_t files_read = 0;

  void look_at(const fs::path& file, std::uintmax_t size) {
    const auto name = file.filename().string();
    if (is_cdk_app_file(name)) {
      if (!has_synthesized_template(file.parent_path()))
        units.push_back({file.parent_path(), name, TemplateKind::cdk, "needs cdk synth"});
      return;
    }
    if (!may_be_template(name)) return;
    const bool named = named_like_template(name);
    if (size > limits.max_file_bytes) {
      if (named)
        units.push_back({file.parent_path(), name, kind_by_name(name),
                         "template larger than " + std::to_string(limits.max_file_bytes) + " bytes"});
      return;
    }
    if (files_read >= limits.max_files_read) return;
    ++files_read;
    try {
      auto kind = template_kind(name, read_yaml_document(read_whole(file)));
      if (kind != TemplateKind::none) units.push_back({file.parent_path(), name, kind, ""});
    } catch (const std::exception& e) {
      if (named)
        units.push_back({file.parent_path(), name, kind_by_name(name),
                         std::string("malformed template: ") + e.what()});
    }
  }

  void look_in(const fs::path& dir) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (is_ignored(it->path()) || it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
      look_at(it->path(), it->file_size(ec));
    }
  }
};

}  // namespace

std::vector<TemplateUnit> find_template_units(const fs::path& root, const TemplateScanLimits& limits) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw SourceError("not a directory: " + root.string());
  TemplateScan scan{limits, {}, 0};
  scan.look_in(root);
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw SourceError("cannot list " + root.string() + ": " + ec.message());
  for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    if (it->is_symlink(ec) || !it->is_directory(ec)) continue;  // never entered
    if (is_ignored(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    if (it.depth() + 1 >= limits.max_depth) it.disable_recursion_pending();
    scan.look_in(it->path());
  }
  std::sort(scan.units.begin(), scan.units.end(), [](const TemplateUnit& a, const TemplateUnit& b) {
    return std::tie(a.dir, a.template_file) < std::tie(b.dir, b.template_file);
  });
  return std::move(scan.units);
}

}  // namespace lsqm
