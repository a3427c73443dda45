#include "proto/error_codes.hpp"

#include <array>

namespace ckpt::proto {
namespace {

using enum ErrorCode;

constexpr std::array kTable{
    ErrorSpec{bad_request, "bad_request", 400, 2, "the request or command line is malformed"},
    ErrorSpec{unauthorized, "unauthorized", 401, 8, "missing or wrong bearer token"},
    ErrorSpec{not_found, "not_found", 404, 5, "no such checkpoint or route"},
    ErrorSpec{method_not_allowed, "method_not_allowed", 405, 2, "the route exists, the method does not"},
    ErrorSpec{conflict, "conflict", 409, 7, "the checkpoint's state does not allow this"},
    ErrorSpec{payload_too_large, "payload_too_large", 413, 2, "the request body is too large"},
    ErrorSpec{refused, "refused", 422, 3, "begin refused: the migration must not start"},
    ErrorSpec{failed, "failed", 500, 4, "the checkpoint or its restore failed"},
    ErrorSpec{engine_error, "engine_error", 502, 4, "the database or its platform reported an error"},
    ErrorSpec{deadline_exceeded, "deadline_exceeded", 504, 4, "a wait ran past its deadline"},
    ErrorSpec{unavailable, "unavailable", 503, 6, "the daemon is starting or shutting down"},
    ErrorSpec{unreachable, "unreachable", 503, 6, "the daemon cannot be reached"},
    ErrorSpec{internal, "internal", 500, 1, "an unexpected error inside the daemon"},
};

}  // namespace

std::span<const ErrorSpec> error_table() { return kTable; }

const ErrorSpec& spec_of(ErrorCode code) {
  for (const auto& spec : kTable) {
    if (spec.code == code) return spec;
  }
  return kTable.back();
}

std::optional<ErrorCode> error_code_from_name(std::string_view name) {
  for (const auto& spec : kTable) {
    if (spec.name == name) return spec.code;
  }
  return std::nullopt;
}

}  // namespace ckpt::proto
