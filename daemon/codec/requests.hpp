// The bodies of the HTTP API's write requests: strict decoding for the daemon and the
// matching encoding for the client, so both sides share one definition.
//
// Decoding refuses, with ErrorCode::bad_request and a message naming the field:
// unknown fields (also nested), wrong JSON types, missing required fields, bad enum,
// duration or length values, bodies that are not JSON or not an object. Missing parts of
// `rollback_window` are NOT decode errors: validate_begin() refuses them with reasons.
// Bodies for abort, restore and commit may be empty (all defaults).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt {

inline constexpr std::size_t kMaxIdempotencyKeyLength = 128;  // characters

struct FailRequest {
  std::string reason;  // required, non-empty
};

struct AbortRequest {
  std::string reason;  // optional
};

struct RestoreRequest {
  bool dry_run = false;  // preview the plan, change nothing
  bool cutover = false;  // swap the restored copy into place once verified
};

struct CommitRequest {};

Result<BeginRequest> decode_begin_request(std::string_view body);
Result<FailRequest> decode_fail_request(std::string_view body);
Result<AbortRequest> decode_abort_request(std::string_view body);
Result<RestoreRequest> decode_restore_request(std::string_view body);
Result<CommitRequest> decode_commit_request(std::string_view body);

// Encodings that the decoders above read back to equal values. Empty optional strings,
// a zero window duration and an entirely empty rollback window are omitted.
boost::json::object to_json(const BeginRequest& request);
boost::json::object to_json(const FailRequest& request);
boost::json::object to_json(const AbortRequest& request);
boost::json::object to_json(const RestoreRequest& request);

}  // namespace ckpt
