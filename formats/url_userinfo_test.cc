#include "formats/url_userinfo.h"

#include <catch2/catch.hpp>

using namespace lsqm;

TEST_CASE("credentials inside a URL are cut out and found", "[url_userinfo]") {
  CHECK(url_without_userinfo("https://user:TOKEN@host/x.git") == "https://host/x.git");
  CHECK(url_without_userinfo("https://TOKEN@host:8443/x") == "https://host:8443/x");
  CHECK(url_without_userinfo("https://host/x@y") == "https://host/x@y");  // '@' in the path
  CHECK(url_without_userinfo("/local/path") == "/local/path");
  CHECK(url_without_userinfo("https://a:b@c@host/x") == "https://host/x");
  CHECK(url_secret("https://user:TOKEN@host/x.git") == "TOKEN");
  CHECK(url_secret("https://TOKEN@host/x.git") == "TOKEN");
  CHECK(url_secret("https://host/x@y") == "");
  CHECK(url_secret("https://a:b@c@host/x") == "b@c");
}

TEST_CASE("the host of a URL, for the credential check", "[url_userinfo]") {
  CHECK(url_host("https://user:T@GitHub.com/x") == "github.com");
  CHECK(url_host("http://127.0.0.1:8080/x.git") == "127.0.0.1");
  CHECK(url_host("https://evil.example/x?host=github.com") == "evil.example");
  CHECK(url_host("https://[::1]:8080/x") == "[::1]");
  CHECK(url_host("/a/b") == "");
}
