// A small blocking HTTP client on libcurl: one request, one answer, never throws.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace lsqm {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::map<std::string, std::string> headers;
  std::string body;
  std::chrono::milliseconds timeout{10000};
  std::string unix_socket;  // e.g. /var/run/docker.sock for the Docker Engine API
};

struct HttpResponse {
  long status = 0;  // 0 when no answer came (see `error`)
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string error;                           // transport error, empty on an answer
  bool refused = false;                        // nothing listened (not: slow, or no answer)
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

HttpResponse http_request(const HttpRequest& request);

inline HttpResponse http_get(const std::string& url, std::chrono::milliseconds timeout) {
  HttpRequest r;
  r.url = url;
  r.timeout = timeout;
  return http_request(r);
}

}  // namespace lsqm
