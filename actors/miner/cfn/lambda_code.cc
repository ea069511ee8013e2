#include "actors/miner/cfn/lambda_code.h"

#include <vector>

#include "formats/base64.h"
#include "formats/zip_archive.h"

namespace lsqm::cfn {
namespace {

using nlohmann::json;

constexpr std::string_view kStoredBinary = ".b64";  // adapters/local_source: binary files stored base64

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// The file inline code is written to, as CloudFormation names it (empty: no inline code).
std::string inline_file(const std::string& runtime) {
  if (starts_with(runtime, "python")) return "index.py";
  if (starts_with(runtime, "nodejs")) return "index.js";
  return {};
}

// The unit's files under `dir` ("" for all), relative to it, binary ones decoded.
std::map<std::string, std::string> files_under(const std::map<std::string, std::string>& unit_files,
                                               const std::string& dir) {
  std::map<std::string, std::string> out;
  const std::string prefix = dir.empty() ? "" : dir + "/";
  for (auto it = unit_files.lower_bound(prefix); it != unit_files.end() && starts_with(it->first, prefix); ++it) {
    std::string path = it->first.substr(prefix.size());
    if (path.ends_with(kStoredBinary)) {
      auto bytes = base64_decoded(it->second);
      if (!bytes) continue;
      path.resize(path.size() - kStoredBinary.size());
      out[path] = std::move(*bytes);
    } else {
      out[path] = it->second;
    }
  }
  return out;
}

// The source file a handler names must exist, by runtime; empty when it does, else the reason.
std::string missing_handler(const std::map<std::string, std::string>& files, const std::string& runtime,
                            const std::string& handler, const std::string& logical) {
  const auto dot = handler.rfind('.');
  const std::string module = dot == std::string::npos ? handler : handler.substr(0, dot);
  std::vector<std::string> candidates;
  if (starts_with(runtime, "python")) candidates = {module + ".py"};
  else if (starts_with(runtime, "nodejs")) candidates = {module + ".js", module + ".mjs", module + ".cjs"};
  else if (starts_with(runtime, "ruby")) candidates = {module + ".rb"};
  else if (starts_with(runtime, "provided")) candidates = {"bootstrap"};
  else if (starts_with(runtime, "go")) candidates = {handler};
  else return "needs build: " + logical + " (" + (runtime.empty() ? "no runtime" : runtime) + ")";
  for (const auto& c : candidates)
    if (files.count(c)) return {};
  if (starts_with(runtime, "nodejs") && (files.count(module + ".ts")))
    return "needs build: " + logical + " (TypeScript " + module + ".ts)";
  return "needs build: " + logical + " (no " + candidates.front() + " for handler " + handler + ")";
}

LambdaPackage zipped(const std::map<std::string, std::string>& files) {
  try {
    return {deterministic_zip(files), ""};
  } catch (const ZipError& e) {
    return {"", std::string("needs build: ") + e.what()};
  }
}

LambdaPackage inline_code(const json& zip_file, const std::string& runtime, const std::string& logical) {
  if (!zip_file.is_string()) return {"", "untranslated: Code.ZipFile built by intrinsics (" + logical + ")"};
  const std::string name = inline_file(runtime);
  if (name.empty()) return {"", "needs build: " + logical + " (inline code for " + runtime + ")"};
  return zipped({{name, zip_file.get<std::string>()}});
}

LambdaPackage local_code(const std::string& path, const std::string& runtime, const std::string& handler,
                         const std::map<std::string, std::string>& unit_files, const std::string& template_dir,
                         const std::string& logical) {
  const auto within = resolve_unit_path(template_dir, path);
  if (!within) return {"", "needs build: " + logical + " (code path " + path + " leaves the unit)"};
  const std::string& resolved = *within;
  // A ready archive (.zip, .jar) is used as it is.
  if (const auto it = unit_files.find(resolved + std::string(kStoredBinary)); it != unit_files.end()) {
    auto bytes = base64_decoded(it->second);
    if (bytes && (resolved.ends_with(".zip") || resolved.ends_with(".jar"))) return {*bytes, ""};
  }
  std::map<std::string, std::string> files;
  if (const auto it = unit_files.find(resolved); it != unit_files.end()) {
    files[resolved.substr(resolved.rfind('/') + 1)] = it->second;  // one source file
  } else {
    files = files_under(unit_files, resolved);
  }
  if (files.empty()) return {"", "needs build: " + logical + " (no code at " + path + ")"};
  if (!handler.empty() || !runtime.empty())
    if (std::string missing = missing_handler(files, runtime, handler, logical); !missing.empty()) return {"", missing};
  return zipped(files);
}

}  // namespace

std::optional<std::string> resolve_unit_path(const std::string& dir, const std::string& path) {
  if (!path.empty() && path[0] == '/') return std::nullopt;
  std::vector<std::string> parts;
  const std::string joined = dir.empty() ? path : dir + "/" + path;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const auto slash = std::min(joined.find('/', start), joined.size());
    const std::string part = joined.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

LambdaPackage package_lambda_code(const json& code, const std::string& runtime, const std::string& handler,
                                  const std::map<std::string, std::string>& unit_files, const std::string& template_dir,
                                  const std::string& logical) {
  if (code.is_string())
    return local_code(code.get<std::string>(), runtime, handler, unit_files, template_dir, logical);
  if (!code.is_object()) return {"", "untranslated: Code of " + logical + " (computed)"};
  if (code.contains("ZipFile")) return inline_code(code["ZipFile"], runtime, logical);
  if (code.contains("S3Bucket") || code.contains("S3Key")) return {"", "needs code from S3: " + logical};
  if (code.contains("ImageUri")) return {"", "needs build: " + logical + " (container image)"};
  return {"", "untranslated: Code of " + logical + " (computed)"};
}

}  // namespace lsqm::cfn
