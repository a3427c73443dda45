// Plain HTTP request and response values exchanged between the HTTP layer and its users.
// Neither type depends on Beast: handlers, the API router and command-line tools see only
// these. Header names compare case-insensitively; query parameters are percent-decoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ckpt::net {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  // Path plus query, exactly as sent on the request line, e.g. "/v1/checkpoints?state=ready".
  std::string target = "/";
  HttpHeaders headers;
  std::string body;

  // Value of the first header with this name (case-insensitive), "" when absent.
  std::string header(std::string_view name) const;
  // The target up to the first '?', still percent-encoded.
  std::string path() const;
  // The percent-decoded value ('+' read as space) of the first query parameter with this
  // name; nullopt when the target has no such parameter. "?a" and "?a=" both give "".
  std::optional<std::string> query_param(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  // Sent by HttpServer besides Content-Type, Content-Length and Server, which it sets
  // itself. In a response HttpClient received: every header as received.
  HttpHeaders headers;
  std::string body;

  // Value of the first header with this name (case-insensitive), "" when absent.
  std::string header(std::string_view name) const;
};

// A response with the given status and the body
// {"error":{"code":"<code>","message":"<message>"}}, both strings JSON-escaped.
HttpResponse json_error(int status, std::string_view code, std::string_view message);

// True when the two strings are equal ignoring ASCII case (header names, auth schemes).
bool equals_ignore_case(std::string_view a, std::string_view b);

}  // namespace ckpt::net
