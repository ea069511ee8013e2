#include "adapters/python_check.h"

#include <fstream>
#include <future>

#include <boost/asio/io_context.hpp>
#include <boost/filesystem.hpp>
#include <boost/process.hpp>

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

struct Outcome {
  int exit_code = 0;
  std::string output;
};

fs::path interpreter(const std::string& python) {
  if (python.find('/') != std::string::npos) return python;
  auto found = bp::search_path(python);
  if (found.empty()) throw PythonCheckError("python interpreter not found: " + python);
  return found;
}

// Runs one compile in its own process group, killed as a group on timeout.
Outcome run_py_compile(const fs::path& python, const fs::path& file, std::chrono::seconds timeout) {
  boost::asio::io_context ios;
  std::future<std::string> out, err;
  bp::group group;
  bp::child child(python, bp::args({"-m", "py_compile", file.string()}), bp::std_in.close(),
                  bp::std_out > out, bp::std_err > err, ios, group);
  ios.run_for(timeout);
  if (!ios.stopped()) {
    std::error_code ignored;
    group.terminate(ignored);
    ios.run();
    child.wait(ignored);
    throw PythonCheckError("py_compile of " + file.filename().string() + " timed out");
  }
  child.wait();
  return {child.exit_code(), out.get() + err.get()};
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
  for (const auto& [name, content] : files) {
    if (name.size() < 3 || name.compare(name.size() - 3, 3, ".py") != 0) continue;
    if (!safe_name(name)) return name + ": unsafe file name";
    auto file = dir.path / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file.string(), std::ios::binary) << content;
    auto outcome = run_py_compile(exe, file, timeout);
    if (outcome.exit_code != 0) {
      replace_all(outcome.output, dir.path.string() + "/", "");
      return name + ": " + outcome.output;
    }
  }
  return std::nullopt;
}

}  // namespace lsqm
