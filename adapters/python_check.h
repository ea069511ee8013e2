// Syntax check of generated Python (`python -m py_compile`), so malformed output is never saved.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace lsqm {

struct PythonCheckError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes every `*.py` of `files` (name -> content) into a fresh temp dir and compiles each with
// `python -m py_compile`; returns the first error text (naming the file) or nullopt. The temp dir
// is removed. Throws PythonCheckError when the interpreter cannot be run or times out.
std::optional<std::string> python_syntax_error(
    const std::string& python, const std::map<std::string, std::string>& files,
    std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace lsqm
