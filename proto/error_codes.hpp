// The one table of error codes shared by checkpointd and checkpointctl.
// Each code has a stable wire name (the "code" field of every error body), the HTTP
// status the daemon answers with, and the exit code checkpointctl returns, so that a job
// script can branch on refused / failed / not found / unreachable.
// proto/openapi.yaml lists the same names; tests/unit/proto keeps the two equal.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace ckpt::proto {

enum class ErrorCode {
  bad_request,
  unauthorized,
  not_found,
  method_not_allowed,
  conflict,
  payload_too_large,
  refused,
  failed,
  engine_error,
  deadline_exceeded,
  unavailable,
  unreachable,
  internal,
};

struct ErrorSpec {
  ErrorCode code;
  std::string_view name;
  int http_status;
  int exit_code;
  std::string_view meaning;
};

// Exit code of a successful command.
inline constexpr int kExitOk = 0;
// Exit code for a command line that checkpointctl itself cannot parse.
inline constexpr int kExitUsage = 2;

std::span<const ErrorSpec> error_table();
const ErrorSpec& spec_of(ErrorCode code);
std::optional<ErrorCode> error_code_from_name(std::string_view name);

}  // namespace ckpt::proto
