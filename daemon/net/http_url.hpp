// An http:// or https:// URL split into where to connect (Endpoint: host, port, TLS) and
// the request target (path and query; "/" when the URL has no path, "/?q=1" for "?q=1").
// A fragment ("#...") is dropped, as a client never sends it. Refused, as bad_request:
//   URL "ftp://host/x" must start with http:// or https://
//   URL "https://host/hook" must not carry credentials (user:password@host); ...
//   URL "http://host:99999/" has no usable host and port: <Endpoint::parse's reason>
//   URL "http://host/a b" has a space or control character; percent-encode it
// Credentials belong in a header or a token file, never in a URL that messages quote.
// Messages start with "URL " so that a caller can say what the URL is for ("webhook URL
// ..."), and quote the URL without user information, query and fragment, which may hold
// a secret; `display` is that form of a URL that parses. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "net/endpoint.hpp"

namespace ckpt::net {

struct HttpUrl {
  Endpoint endpoint;    // TLS settings at their defaults (the system's CAs, verified)
  std::string target;   // "/api/v1/query?x=1"; starts with '/'
  std::string display;  // "https://host:443/path": canonical endpoint and path, no query
};

Result<HttpUrl> parse_http_url(std::string_view url);

}  // namespace ckpt::net
