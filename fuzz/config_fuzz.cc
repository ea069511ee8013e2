// Loading the configuration: any config file or environment gives a Config or a ConfigError
// with a message, never another exception or a crash. Input: "E" + KEY=VALUE lines (the
// environment), else the config file's bytes.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>

#include "runtime/config.h"

namespace {

std::string temp_file(const std::string& content) {
  static std::string path = [] {
    char tmpl[] = "/tmp/lsqm-config-fuzz-XXXXXX";
    int fd = ::mkstemp(tmpl);
    if (fd >= 0) ::close(fd);
    return std::string(tmpl);
  }();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  lsqm::ConfigInputs inputs;
  inputs.env["HOME"] = "/nonexistent";
  if (!text.empty() && text[0] == 'E') {
    std::istringstream lines(text.substr(1));
    for (std::string line; std::getline(lines, line);) {
      auto eq = line.find('=');
      if (eq != std::string::npos) inputs.env[line.substr(0, eq)] = line.substr(eq + 1);
    }
  } else {
    inputs.config_file = temp_file(text);
  }
  try {
    auto config = lsqm::load_config(inputs);
    (void)lsqm::snapshot(config).dump();
  } catch (const lsqm::ConfigError& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  return 0;
}
