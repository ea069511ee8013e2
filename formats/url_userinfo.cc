#include "formats/url_userinfo.h"

#include <algorithm>
#include <cctype>

namespace lsqm {
namespace {

struct Authority {
  std::size_t start = std::string::npos;  // first character after "://"
  std::size_t at = std::string::npos;     // the '@' ending the userinfo, if any
  std::size_t end = std::string::npos;    // first character after the authority
};

Authority authority_of(const std::string& url) {
  Authority a;
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return a;
  a.start = scheme_end + 3;
  a.end = std::min(url.find_first_of("/?#", a.start), url.size());
  auto at = url.rfind('@', a.end == 0 ? 0 : a.end - 1);
  if (at != std::string::npos && at >= a.start && at < a.end) a.at = at;
  return a;
}

}  // namespace

std::string url_without_userinfo(const std::string& url) {
  auto a = authority_of(url);
  if (a.at == std::string::npos) return url;
  return url.substr(0, a.start) + url.substr(a.at + 1);
}

std::string url_secret(const std::string& url) {
  auto a = authority_of(url);
  if (a.at == std::string::npos) return "";
  auto userinfo = url.substr(a.start, a.at - a.start);
  auto colon = userinfo.find(':');
  return colon == std::string::npos ? userinfo : userinfo.substr(colon + 1);
}

std::string url_host(const std::string& url) {
  auto a = authority_of(url);
  if (a.start == std::string::npos) return "";
  auto host_start = a.at == std::string::npos ? a.start : a.at + 1;
  auto host = url.substr(host_start, a.end - host_start);
  if (!host.empty() && host.front() == '[') host = host.substr(0, host.find(']') + 1);
  else host = host.substr(0, host.find(':'));
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

}  // namespace lsqm
