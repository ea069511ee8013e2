#include "adapters/python_check.h"

#include <fstream>

#include <boost/filesystem.hpp>
#include <boost/process/search_path.hpp>

#include "adapters/process.h"

namespace lsqm {
namespace {

namespace bp = boost::process;
namespace fs = boost::filesystem;

// Removes the directory on every exit path.
struct TempDir {
  fs::path path = fs::temp_directory_path() / fs::unique_path("lsqm-pycheck-%%%%-%%%%-%%%%");
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    boost::system::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

fs::path interpreter(const std::string& python) {
  if (python.find('/') != std::string::npos) return python;
  auto found = bp::search_path(python);
  if (found.empty()) throw PythonCheckError("python interpreter not found: " + python);
  return found;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

bool safe_name(const std::string& name) {
  return !name.empty() && name.front() != '/' && name.find("..") == std::string::npos;
}

}  // namespace

std::optional<std::string> python_syntax_error(const std::string& python,
                                               const std::map<std::string, std::string>& files,
                                               std::chrono::seconds timeout) {
  auto exe = interpreter(python);
  TempDir dir;
  ProcessSpec spec;
  spec.argv = {exe.string(), "-m", "py_compile"};
  spec.env = scrubbed_env({{"PYTHONDONTWRITEBYTECODE", "1"}});
  spec.timeout = timeout;
  for (const auto& [name, content] : files) {
    if (name.size() < 3 || name.compare(name.size() - 3, 3, ".py") != 0) continue;
    if (!safe_name(name)) return name + ": unsafe file name";
    auto file = dir.path / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file.string(), std::ios::binary) << content;
    spec.argv.push_back(file.string());
  }
  if (spec.argv.size() == 3) return std::nullopt;
  // One interpreter for every file: py_compile stops at the first error and names its file.
  auto r = run_process(spec);
  if (r.start_failed) throw PythonCheckError("python interpreter could not start: " + r.output);
  if (r.timed_out) throw PythonCheckError("py_compile timed out");
  if (r.exit_code != 0) {
    replace_all(r.output, dir.path.string() + "/", "");
    for (const auto& [name, content] : files)  // name the file that failed first
      if (r.output.find("\"" + name + "\"") != std::string::npos) return name + ": " + r.output;
    return r.output;
  }
  return std::nullopt;
}

}  // namespace lsqm
