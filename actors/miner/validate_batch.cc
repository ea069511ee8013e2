#include "actors/miner/validate_batch.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace lsqm {
namespace {

constexpr std::size_t kMaxReason = 300;

// The first line; a long one keeps its head and its tail (where "got nodejs24.x" stands).
std::string capped_line(std::string text) {
  if (auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
  if (text.size() > kMaxReason)
    text = text.substr(0, kMaxReason - 100) + " … " + text.substr(text.size() - 100);
  return text;
}

// Terraform names the batch's module ("module.m4") where a root validation says "the root
// module": the reason reads as if the architecture had been validated alone.
std::string without_batch_module(std::string text) {
  static const std::string marker = "module.m";
  for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
    auto end = at + marker.size();
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == at + marker.size()) continue;
    const bool word_start = at == 0 || text[at - 1] == ' ' || text[at - 1] == '"';
    if (word_start) text.replace(at, end - at, "the root module");
  }
  return text;
}

std::string error_text(const nlohmann::json& diagnostic) {
  std::string text = diagnostic.value("summary", "error");
  auto detail = diagnostic.value("detail", "");
  if (!detail.empty()) text += ": " + detail;
  return capped_line(without_batch_module(text));
}

// "m12/…" → 12; npos when the path is not inside a module directory.
std::size_t module_of_file(const std::string& filename) {
  if (filename.size() < 3 || filename[0] != 'm') return std::string::npos;
  std::size_t i = 1, index = 0;
  for (; i < filename.size() && i < 10 && filename[i] >= '0' && filename[i] <= '9'; ++i)
    index = index * 10 + static_cast<std::size_t>(filename[i] - '0');
  if (i == 1 || i >= filename.size() || filename[i] != '/') return std::string::npos;
  return index;
}

// The module whose files or whose call in the root the diagnostic points at; npos for none.
std::size_t owner_of(const nlohmann::json& diagnostic, const BatchRoot& root) {
  const std::size_t count = root.first_lines.size();
  if (!diagnostic.contains("range") || !diagnostic["range"].is_object()) return std::string::npos;
  const auto& range = diagnostic["range"];
  const std::string file = range.value("filename", "");
  if (file != "main.tf") {
    auto index = module_of_file(file);
    return index < count ? index : std::string::npos;
  }
  if (!range.contains("start") || !range["start"].is_object()) return std::string::npos;
  const int line = range["start"].value("line", 0);
  for (std::size_t i = count; i-- > 0;)
    if (line >= root.first_lines[i]) return i;
  return std::string::npos;
}

}  // namespace

std::string batch_module_dir(std::size_t index) { return "m" + std::to_string(index); }

BatchRoot batch_root_config(const std::vector<BatchModule>& modules) {
  BatchRoot root;
  int line = 1;
  for (std::size_t i = 0; i < modules.size(); ++i) {
    std::string source = "./" + batch_module_dir(i);
    if (!modules[i].root_dir.empty()) source += "/" + modules[i].root_dir;
    root.first_lines.push_back(line);
    root.main_tf += "module \"" + batch_module_dir(i) + "\" {\n  source = " +
                    nlohmann::json(source).dump() + "\n";
    line += 2;
    for (const auto& [name, value] : modules[i].inputs) {
      root.main_tf += "  " + name + " = " + value + "\n";
      line += 1 + static_cast<int>(std::count(value.begin(), value.end(), '\n'));
    }
    root.main_tf += "}\n";
    ++line;
  }
  return root;
}

BatchDiagnostics attribute_diagnostics(const std::string& validate_output, const BatchRoot& root) {
  BatchDiagnostics out;
  auto begin = validate_output.find('{');
  auto end = validate_output.rfind('}');
  if (begin == std::string::npos || end == std::string::npos || end < begin) return out;
  auto doc = nlohmann::json::parse(validate_output.substr(begin, end - begin + 1), nullptr, false);
  if (!doc.is_object() || !doc.contains("valid")) return out;
  out.readable = true;
  out.valid = doc["valid"].is_boolean() && doc["valid"].get<bool>();
  if (!doc.contains("diagnostics") || !doc["diagnostics"].is_array()) return out;
  for (const auto& d : doc["diagnostics"]) {
    if (!d.is_object() || d.value("severity", "") != "error") continue;
    auto owner = owner_of(d, root);
    if (owner == std::string::npos) {
      if (out.unattributed.empty()) out.unattributed = error_text(d);
    } else {
      out.errors.emplace(owner, error_text(d));  // the first stays
    }
  }
  return out;
}

std::string first_terraform_error(const std::string& output) {
  std::string last;
  std::size_t start = 0;
  while (start < output.size()) {
    auto nl = output.find('\n', start);
    auto line = output.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    start = nl == std::string::npos ? output.size() : nl + 1;
    auto first = line.find_first_not_of(" \t│╷╵");
    if (first == std::string::npos) continue;
    line = line.substr(first);
    if (line.rfind("Error: ", 0) == 0) return capped_line(line.substr(7));
    last = line;
  }
  return capped_line(last);
}

}  // namespace lsqm
