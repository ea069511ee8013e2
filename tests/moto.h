// moto_server on a free port of its own for a test, stopped with its process group at the end.
#pragma once

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "adapters/emulator.h"
#include "adapters/http.h"
#include "adapters/process.h"
#include "tests/test_support.h"

namespace lsqm::testing {

struct Moto {
  TempDir dir{"moto"};
  int port = find_free_port();
  std::unique_ptr<ChildProcess> child;

  Moto() {
    ProcessSpec spec;
    spec.argv = {"moto_server", "-H", "127.0.0.1", "-p", std::to_string(port)};
    const char* home = std::getenv("HOME");  // the pyenv shim finds its Python through HOME
    spec.env = scrubbed_env({{"HOME", home ? home : "/root"}});
    child = ChildProcess::start(spec, dir.path / "moto.log");
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < until) {
      if (http_get(endpoint() + "/moto-api/data.json", std::chrono::seconds(2)).status == 200)
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    FAIL("moto_server did not become ready: " << child->output());
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port); }
};

}  // namespace lsqm::testing
