#include "kube/api_status.hpp"

#include <charconv>

#include "codec/strict_json.hpp"
#include "net/body_excerpt.hpp"

namespace ckpt::kube {
namespace {

struct Status {
  std::string reason;
  std::string message;
};

std::optional<Status> parse_status(std::string_view body) {
  const auto value = codec::parse_strict_json(body, ErrorCode::engine_error);
  if (!value || !value->is_object()) return std::nullopt;
  const auto& object = value->get_object();
  const auto* kind = object.if_contains("kind");
  if (!kind || !kind->is_string() || kind->get_string() != "Status") return std::nullopt;
  Status status;
  if (const auto* reason = object.if_contains("reason"); reason && reason->is_string()) {
    status.reason = reason->get_string();
  }
  if (const auto* message = object.if_contains("message"); message && message->is_string()) {
    status.message = message->get_string();
  }
  return status;
}

std::string standard_reason(int http_status) {
  switch (http_status) {
    case 400:
      return "BadRequest";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 405:
      return "MethodNotAllowed";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "RequestEntityTooLarge";
    case 415:
      return "UnsupportedMediaType";
    case 422:
      return "Invalid";
    case 429:
      return "TooManyRequests";
    case 500:
      return "InternalError";
    case 503:
      return "ServiceUnavailable";
    case 504:
      return "Timeout";
    default:
      return {};
  }
}

ErrorCode code_for(int http_status) {
  switch (http_status) {
    case 400:
    case 422:
      return ErrorCode::bad_request;
    case 401:
    case 403:
      return ErrorCode::unauthorized;
    case 404:
      return ErrorCode::not_found;
    case 409:
    case 410:
      return ErrorCode::conflict;
    default:
      return ErrorCode::engine_error;
  }
}

// What to do about it, after the server's words.
std::string advice(int http_status, const std::string& reason, const std::string& server_message,
                   const RequestContext& context) {
  switch (http_status) {
    case 401:
      return "; the API server rejected the credentials (" + context.credentials +
             "): check that they are valid and not expired";
    case 403:
      return "; the credentials (" + context.credentials +
             ") are not allowed to do this: the RBAC Role bound to them may be missing the verb \"" + context.verb +
             "\" on " + context.resource + " (see docs/kubernetes.md)";
    case 404:
      if (server_message == "the server could not find the requested resource") {
        return "; is the CustomResourceDefinition for " + context.resource + " installed?";
      }
      return {};
    case 409:
      return reason == "Conflict" ? "; it changed since it was read: read it again and retry" : "";
    case 410:
      return "; the resourceVersion is too old: list again";
    default:
      return {};
  }
}

}  // namespace

Error error_from_response(int http_status, std::string_view body, const RequestContext& context) {
  const auto status = parse_status(body);
  std::string reason = status && !status->reason.empty() ? status->reason : standard_reason(http_status);
  std::string said;
  if (status && !status->message.empty()) {
    said = status->message;
  } else if (status) {
    said = "HTTP " + std::to_string(http_status) + (reason.empty() ? "" : " " + reason);
  } else {
    said = "HTTP " + std::to_string(http_status) + " with " + net::body_excerpt(body);
  }
  std::string message = context.verb + " " + context.object + " at " + context.server + ": " + said +
                        advice(http_status, reason, status ? status->message : std::string(), context);
  return make_error(code_for(http_status), std::move(message), std::move(reason));
}

bool is_retryable_status(int http_status) {
  return http_status == 429 || http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  long long seconds = 0;
  const auto* end = value.data() + value.size();
  const auto [stop, ec] = std::from_chars(value.data(), end, seconds);
  if (value.empty() || ec != std::errc{} || stop != end || seconds < 0) return std::nullopt;
  return std::chrono::seconds(seconds);
}

bool is_expired(const Error& error) {
  return error.code == ErrorCode::conflict && (error.reason == "Expired" || error.reason == "Gone");
}

}  // namespace ckpt::kube
