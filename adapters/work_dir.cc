#include "adapters/work_dir.h"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>

#include "adapters/local_source.h"

namespace lsqm {
namespace fs = std::filesystem;

ScopedTempDir::ScopedTempDir(const fs::path& root, const std::string& prefix) {
  fs::path base = root.empty() ? fs::temp_directory_path() : root;
  std::error_code ec;
  fs::create_directories(base, ec);
  std::string tmpl = (base / (prefix + "XXXXXX")).string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temp dir in " + base.string());
  path_ = tmpl;
}

ScopedTempDir::~ScopedTempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_work_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

void write_stored_files(const fs::path& dir, const std::map<std::string, std::string>& files) {
  for (const auto& [stored, stored_content] : files) {
    auto [rel, content] = stored_file_on_disk(stored, stored_content);
    fs::path p = fs::path(rel).lexically_normal();
    if (p.empty() || p.is_absolute() || *p.begin() == "..")
      throw std::runtime_error("refusing a file path outside the work dir: " + rel);
    write_work_file(dir / p, content);
  }
}

}  // namespace lsqm
