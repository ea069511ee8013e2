#include "adapters/local_source.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <openssl/evp.h>

#include "formats/hcl.h"
#include "formats/terraform_json.h"

namespace fs = std::filesystem;

namespace lsqm {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Names terraform reads as configuration, variables or settings.
bool is_terraform_file(const std::string& path) {
  auto slash = path.rfind('/');
  auto name = slash == std::string::npos ? path : path.substr(slash + 1);
  return ends_with(name, ".tf") || ends_with(name, ".tf.json") || ends_with(name, ".tfvars") ||
         ends_with(name, ".tfvars.json") || name == ".terraformrc" || name == "terraform.rc" ||
         name == ".terraform.lock.hcl";
}

bool declares_aws_resource(const hcl::Body& body) {
  for (const auto& block : body.blocks)
    if (block.type == "resource" && !block.labels.empty() && block.labels[0].rfind("aws_", 0) == 0)
      return true;
  return false;
}

// A file that cannot be read still makes its directory a unit: the miner then refuses the
// unit and says why, instead of passing over it in silence.
bool may_declare_aws_resource(const std::string& text, bool json) {
  auto file = json ? parse_terraform_json(text) : hcl::parse(text);
  return !file.error.empty() || declares_aws_resource(file.body);
}

// Directories and files a unit never contains: VCS, caches, dependencies, state.
bool is_ignored(const fs::path& p) {
  auto name = p.filename().string();
  return name.empty() || name[0] == '.' || name == "node_modules" || name == "__pycache__" ||
         name.find(".tfstate") != std::string::npos;
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

bool dir_declares_aws_resource(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    auto name = it->path().filename().string();
    if (is_ignored(it->path()) || it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    bool tf = ends_with(name, ".tf"), tf_json = ends_with(name, ".tf.json");
    if (!tf && !tf_json) continue;
    try {
      auto text = read_file(it->path());
      if (may_declare_aws_resource(text, tf_json)) return true;
    } catch (const SourceError&) {
      // An unreadable file does not make a unit; the others may.
    }
  }
  return false;
}

// Text files are stored as they are; only real binary files (zips) travel base64-encoded,
// as "name.b64". Anything that would blur the two is refused.
void store_unit_file(const std::string& rel, std::string content,
                     std::map<std::string, std::string>& files) {
  if (!is_utf8_text(rel)) throw SourceError("file name is not UTF-8: " + escape_non_utf8(rel));
  bool text = is_utf8_text(content);
  if (!text && is_terraform_file(rel))
    throw SourceError(rel + ": a Terraform file that is not UTF-8 text (or holds a NUL byte)");
  if (text && ends_with(rel, ".b64"))
    throw SourceError(rel + ": a text file named .b64 (it would be decoded into another file)");
  if (text) files[rel] = std::move(content);
  else files[rel + ".b64"] = base64_encode(content);
}

}  // namespace

bool declares_aws_resource_hcl(std::string_view hcl) {
  auto file = hcl::parse(hcl);
  return file.error.empty() && declares_aws_resource(file.body);
}

bool declares_aws_resource_json(std::string_view json_text) {
  auto file = parse_terraform_json(json_text);
  return file.error.empty() && declares_aws_resource(file.body);
}

std::vector<fs::path> find_terraform_units(const fs::path& root, int max_depth) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw SourceError("not a directory: " + root.string());
  std::vector<fs::path> units;
  if (dir_declares_aws_resource(root)) units.push_back(root);
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
    if (dir_declares_aws_resource(it->path())) units.push_back(it->path());
  }
  std::sort(units.begin(), units.end());
  return units;
}

std::map<std::string, std::string> read_unit_files(const fs::path& dir, const UnitLimits& limits) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw SourceError("not a directory: " + escape_non_utf8(dir.string()));
  if (!is_utf8_text(dir.string()))
    throw SourceError("directory name is not UTF-8: " + escape_non_utf8(dir.string()));
  auto dir_canonical = fs::canonical(dir, ec);
  if (ec) throw SourceError("cannot resolve " + dir.string() + ": " + ec.message());
  std::map<std::string, std::string> files;
  std::uintmax_t total = 0;
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
      if (it.depth() + 1 >= limits.max_depth) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    auto rel = p.lexically_relative(dir).generic_string();
    auto size = it->file_size(ec);
    if (ec) throw SourceError("cannot stat " + p.string());
    if (size > limits.max_file_bytes) {
      if (is_terraform_file(p.filename().string()))
        throw SourceError("terraform file too large: " + rel + " (" + std::to_string(size) + " bytes)");
      continue;
    }
    total += size;
    if (files.size() + 1 > limits.max_files)
      throw SourceError("unit has more than " + std::to_string(limits.max_files) + " files: " + dir.string());
    if (total > limits.max_unit_bytes)
      throw SourceError("unit larger than " + std::to_string(limits.max_unit_bytes) + " bytes: " + dir.string());
    auto content = read_file(p);
    store_unit_file(rel, std::move(content), files);
  }
  return files;
}

std::string base64_encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) throw SourceError("base64 text has a length not divisible by 4");
  std::string out(3 * (text.size() / 4), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) throw SourceError("malformed base64 text");
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t pad = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '=' && pad < 2; ++it) ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

std::pair<std::string, std::string> stored_file_on_disk(const std::string& path,
                                                        const std::string& content) {
  constexpr std::string_view suffix = ".b64";
  if (!ends_with(path, suffix)) return {path, content};
  auto name = path.substr(0, path.size() - suffix.size());
  if (name.empty() || is_terraform_file(name))
    throw SourceError("refusing to decode " + escape_non_utf8(path) +
                      ": a Terraform file never travels base64-encoded");
  return {name, base64_decode(content)};
}

}  // namespace lsqm
