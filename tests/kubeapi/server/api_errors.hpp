// Kubernetes API errors as ckpt::Error values, and their wire form, the v1 Status object.
//
// Error::reason carries the Kubernetes StatusReason ("NotFound", "Invalid", ...); the HTTP
// status and the ckpt ErrorCode follow from it through one table, so every layer of the
// test server (store, router, watch stream) reports failures the same way.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::kubeapi {

// The StatusReason values the test server answers with (k8s.io/apimachinery metav1).
namespace reason {
inline constexpr std::string_view kBadRequest = "BadRequest";
inline constexpr std::string_view kUnauthorized = "Unauthorized";
inline constexpr std::string_view kForbidden = "Forbidden";
inline constexpr std::string_view kNotFound = "NotFound";
inline constexpr std::string_view kMethodNotAllowed = "MethodNotAllowed";
inline constexpr std::string_view kNotAcceptable = "NotAcceptable";
inline constexpr std::string_view kAlreadyExists = "AlreadyExists";
inline constexpr std::string_view kConflict = "Conflict";
inline constexpr std::string_view kGone = "Gone";
inline constexpr std::string_view kExpired = "Expired";
inline constexpr std::string_view kUnsupportedMediaType = "UnsupportedMediaType";
inline constexpr std::string_view kInvalid = "Invalid";
inline constexpr std::string_view kTooManyRequests = "TooManyRequests";
inline constexpr std::string_view kInternalError = "InternalError";
}  // namespace reason

// An Error whose reason is the given StatusReason and whose code matches it.
Error api_error(std::string_view status_reason, std::string message);

// The HTTP status for the error's reason; 500 for reasons outside the table.
int http_status_of(const Error& error);

// {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":...,
//  "reason":...,"details":{...},"code":N}; details is left out when empty.
boost::json::object status_object(const Error& error, boost::json::object details = {});

}  // namespace ckpt::kubeapi
