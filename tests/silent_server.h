// A TCP server on 127.0.0.1 that never answers, for deadline tests (needs Catch2).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

namespace lsqm::testing {

// A TCP server on 127.0.0.1 that accepts connections and never says a word.
struct SilentServer {
  int fd = -1;
  int port = 0;
  std::atomic<bool> stop{false};
  std::vector<int> accepted;
  std::thread acceptor;
  SilentServer() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    REQUIRE(::listen(fd, 16) == 0);
    acceptor = std::thread([this] {
      while (!stop) {
        int c = ::accept(fd, nullptr, nullptr);
        if (c >= 0) accepted.push_back(c);
      }
    });
  }
  ~SilentServer() {
    stop = true;
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    acceptor.join();
    for (int c : accepted) ::close(c);
  }
};

}  // namespace lsqm::testing
