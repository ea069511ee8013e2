// Credentials written inside a URL (https://user:TOKEN@host/x): what is printed or stored is
// the URL without them; the secret goes to the redaction list. Pure.
#pragma once

#include <string>

namespace lsqm {

// "scheme://user:secret@host/x" -> "scheme://host/x"; anything else unchanged.
std::string url_without_userinfo(const std::string& url);

// The password of the URL's userinfo (or the user part when there is no password); empty
// when the URL carries none.
std::string url_secret(const std::string& url);

// The host (without port, lower case) of "scheme://[userinfo@]host[:port]/..."; empty when the
// URL has no scheme.
std::string url_host(const std::string& url);

}  // namespace lsqm
