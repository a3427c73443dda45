// The error body every failed API call answers with, shared by daemon and client:
//   {"error":{"code":"<proto name>","message":"...","reason":"...","checkpoint_id":"..."}}
// `reason` and `checkpoint_id` are omitted when empty.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt {

std::string error_body(const Error& error, std::string_view checkpoint_id = {});

// A decoded error body. (Result<Error> cannot exist: Result<T> is built from a T or an
// Error, so the Error travels inside this struct.)
struct ErrorBody {
  Error error;
  std::string checkpoint_id;  // empty when the body names none
};

// Reads an error body back. Fails (ErrorCode::internal, naming the problem) when the
// body is not such a document or names a code this build does not know. Unknown extra
// fields are ignored.
Result<ErrorBody> error_from_body(std::string_view body);

}  // namespace ckpt
