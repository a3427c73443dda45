// The bodies of the HTTP API's write requests: strict decoding for the daemon and the
// matching encoding for the client, so both sides share one definition.
//
// Decoding refuses, with ErrorCode::bad_request and a message naming the field:
// unknown fields (also nested), wrong JSON types, missing required fields, bad enum,
// duration or length values, bodies that are not UTF-8, not JSON, not an object or that
// name a field twice (codec/strict_json.hpp: "request body has a duplicate field
// 'rollback_window.owner'"). Missing parts of
// `rollback_window` are NOT decode errors: validate_begin() refuses them with reasons.
// Bodies for abort, restore and commit may be empty (all defaults).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// POST /v1/checkpoints/{id}/migration: start the migration of a ready checkpoint.
// An empty `command`: the daemon runs the plan's SQL steps itself. A command: the
// client (checkpointctl run -- CMD) runs it and reports its end with CommandResult.
struct MigrationStartRequest {
  std::vector<std::string> command;
};

// Where a wrapped command finds the migrated database: the libpq environment
// (PGHOST, PGPORT, PGDATABASE, PGUSER) checkpointctl gives it. Never a password.
struct DatabaseEndpoint {
  std::string host;
  int port = 5432;
  std::string dbname;
  std::string user;
};

// The answer to MigrationStartRequest.
struct MigrationStarted {
  Checkpoint checkpoint;
  DatabaseEndpoint database;
};

// POST /v1/checkpoints/{id}/migration/result: how the wrapped command ended.
struct CommandResult {
  int exit_code = 0;       // 0 with an empty signal: success
  std::string signal;      // e.g. "SIGTERM" when a signal ended it; exit_code is then 128+n
  std::string output;      // the tail of its output, at most kMaxCommandOutputBytes
  double duration_seconds = 0;
};

inline constexpr std::size_t kMaxCommandOutputBytes = 64 * 1024;

// POST /v1/checkpoints/{id}/promote: a person treats a paused SLO watch as passed.
struct PromoteRequest {
  std::string by;  // required, non-empty
};

// POST /v1/checkpoints/{id}/approve: the rollback window's approver approves.
struct ApproveRequest {
  std::string by;    // required, non-empty
  std::string note;  // optional
};

// POST /v1/checkpoints/{id}/flag: turn the plan's feature flag on or off.
struct FlagChangeRequest {
  bool on = false;     // required
  std::string scope;   // empty: every scope of the plan's flag
  std::string by;      // required, non-empty: who changes it
  std::string note;    // optional
};

// POST /v1/drills: a restore drill of a cluster.
struct DrillRequest {
  std::string cluster;  // required
  bool keep = false;    // keep the scratch target after the drill
  std::string by;       // required, non-empty: who asks for the drill
};

Result<BeginRequest> decode_begin_request(std::string_view body);
Result<DrillRequest> decode_drill_request(std::string_view body);
Result<FailRequest> decode_fail_request(std::string_view body);
Result<AbortRequest> decode_abort_request(std::string_view body);
Result<RestoreRequest> decode_restore_request(std::string_view body);
Result<CommitRequest> decode_commit_request(std::string_view body);
Result<MigrationStartRequest> decode_migration_start_request(std::string_view body);
Result<CommandResult> decode_command_result(std::string_view body);
Result<PromoteRequest> decode_promote_request(std::string_view body);
Result<ApproveRequest> decode_approve_request(std::string_view body);
Result<FlagChangeRequest> decode_flag_change_request(std::string_view body);
// The client's side of MigrationStarted (ErrorCode::internal naming the field).
Result<MigrationStarted> migration_started_from_json(const boost::json::value& json);

// Encodings that the decoders above read back to equal values. Empty optional strings,
// a zero window duration and an entirely empty rollback window are omitted.
boost::json::object to_json(const BeginRequest& request);
boost::json::object to_json(const FailRequest& request);
boost::json::object to_json(const AbortRequest& request);
boost::json::object to_json(const RestoreRequest& request);
boost::json::object to_json(const MigrationStartRequest& request);
boost::json::object to_json(const PromoteRequest& request);
boost::json::object to_json(const ApproveRequest& request);
boost::json::object to_json(const FlagChangeRequest& request);
boost::json::object to_json(const DrillRequest& request);
boost::json::object to_json(const CommandResult& result);
boost::json::object to_json(const MigrationStarted& started);

}  // namespace ckpt
