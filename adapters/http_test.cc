// The HTTP client against a small server on loopback.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <thread>

#include "adapters/http.h"

using namespace lsqm;

TEST_CASE("http client reads status, body and headers, and reports transport errors", "[http]") {
  httplib::Server server;
  server.Get("/ok", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Retry-After", "7");
    res.set_content("hello", "text/plain");
  });
  server.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 201;
    res.set_content(req.body + "|" + req.get_header_value("X-Token"), "text/plain");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread t([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto base = "http://127.0.0.1:" + std::to_string(port);

  auto r = http_get(base + "/ok", std::chrono::seconds(5));
  CHECK(r.ok());
  CHECK(r.body == "hello");
  CHECK(r.headers["retry-after"] == "7");
  CHECK_FALSE(r.refused);

  HttpRequest post;
  post.method = "POST";
  post.url = base + "/echo";
  post.body = "{\"a\":1}";
  post.headers = {{"X-Token", "t"}};
  auto p = http_request(post);
  CHECK(p.status == 201);
  CHECK(p.body == "{\"a\":1}|t");

  CHECK(http_get(base + "/missing", std::chrono::seconds(5)).status == 404);
  server.stop();
  t.join();

  auto down = http_get(base + "/ok", std::chrono::seconds(2));
  CHECK_FALSE(down.ok());
  CHECK(down.status == 0);
  CHECK_FALSE(down.error.empty());
  CHECK(down.refused);  // nothing listens any more
}
