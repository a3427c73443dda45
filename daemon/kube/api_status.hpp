// Turns a Kubernetes API error answer (a Status object, or whatever a proxy sent: a body
// that is not strict JSON, codec/strict_json.hpp, is not taken for a Status) into a
// ckpt::Error whose message says what was attempted, on which object, what the server
// said, and what to do about it. Pure functions, no IO.
//
// Mapping: 404 not_found; 409 conflict; 410 conflict (reason Expired/Gone); 400 and 422
// bad_request with the server's message (it names the field); 401 and 403 unauthorized,
// naming the credentials used (never a secret) and, for 403, the RBAC verb that may be
// missing; 429 and 5xx engine_error; anything else engine_error. Error.reason is the
// Status reason (AlreadyExists, Conflict, NotFound, Invalid, Forbidden, Expired, ...) or,
// without a Status body, the standard reason for the HTTP status.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::kube {

// What was attempted, for the message.
struct RequestContext {
  std::string verb;         // the RBAC verb: get, list, watch, create, update, patch, delete
  std::string object;       // ResourceRef::describe()
  std::string resource;     // ResourceRef::resource(), for the RBAC hint
  std::string server;       // "https://10.0.0.1:443"
  std::string credentials;  // KubeConnection::credentials
};

Error error_from_response(int http_status, std::string_view body, const RequestContext& context);

// 429, 500, 502, 503, 504: the server (or a proxy) may answer differently next time.
bool is_retryable_status(int http_status);

// A Retry-After header in delta-seconds ("3"); nullopt for an HTTP date or garbage.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value);

// The error of a 410 answer or of a watch ERROR event with code 410: the resourceVersion
// is too old and the caller must list again.
bool is_expired(const Error& error);

}  // namespace ckpt::kube
