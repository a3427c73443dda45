#include "kubeapi/server/api_errors.hpp"

#include <array>

namespace ckpt::kubeapi {
namespace {

struct ReasonSpec {
  std::string_view reason;
  int http_status;
  ErrorCode code;
};

constexpr std::array kReasons{
    ReasonSpec{reason::kBadRequest, 400, ErrorCode::bad_request},
    ReasonSpec{reason::kUnauthorized, 401, ErrorCode::unauthorized},
    ReasonSpec{reason::kForbidden, 403, ErrorCode::refused},
    ReasonSpec{reason::kNotFound, 404, ErrorCode::not_found},
    ReasonSpec{reason::kMethodNotAllowed, 405, ErrorCode::method_not_allowed},
    ReasonSpec{reason::kNotAcceptable, 406, ErrorCode::bad_request},
    ReasonSpec{reason::kAlreadyExists, 409, ErrorCode::conflict},
    ReasonSpec{reason::kConflict, 409, ErrorCode::conflict},
    ReasonSpec{reason::kGone, 410, ErrorCode::unavailable},
    ReasonSpec{reason::kExpired, 410, ErrorCode::unavailable},
    ReasonSpec{reason::kUnsupportedMediaType, 415, ErrorCode::bad_request},
    ReasonSpec{reason::kInvalid, 422, ErrorCode::bad_request},
    ReasonSpec{reason::kTooManyRequests, 429, ErrorCode::unavailable},
    ReasonSpec{reason::kInternalError, 500, ErrorCode::internal},
};

const ReasonSpec* find_reason(std::string_view status_reason) {
  for (const auto& spec : kReasons) {
    if (spec.reason == status_reason) return &spec;
  }
  return nullptr;
}

}  // namespace

Error api_error(std::string_view status_reason, std::string message) {
  const ReasonSpec* spec = find_reason(status_reason);
  return make_error(spec ? spec->code : ErrorCode::internal, std::move(message), std::string(status_reason));
}

int http_status_of(const Error& error) {
  const ReasonSpec* spec = find_reason(error.reason);
  return spec ? spec->http_status : 500;
}

boost::json::object status_object(const Error& error, boost::json::object details) {
  boost::json::object status;
  status["kind"] = "Status";
  status["apiVersion"] = "v1";
  status["metadata"] = boost::json::object{};
  status["status"] = "Failure";
  status["message"] = error.message;
  status["reason"] = error.reason.empty() ? std::string(reason::kInternalError) : error.reason;
  if (!details.empty()) status["details"] = std::move(details);
  status["code"] = http_status_of(error);
  return status;
}

}  // namespace ckpt::kubeapi
