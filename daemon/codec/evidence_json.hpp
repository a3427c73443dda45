// The evidence package (core/evidence.hpp) as JSON, the form GET
// /v1/checkpoints/{id}/evidence answers and `checkpointctl evidence -o json` saves:
//   {"kind": "checkpointd.evidence", "format": 1, "generated_at", "checkpointd_version"?,
//    "checkpoint": {"id", "state", "reason"?, "message"?, "created_at", "updated_at",
//                   "committed_at"?, "schema_fingerprint"?, "backup"?, "recovery_point"?,
//                   "archived_before_ready": {"proven", "ready_at"?, "detail"}},
//    "migration": {"id", "purpose", "cluster", "phase", "rollback_window"},
//    "plan"?, "execution"?, "flag_changes": [...], "analysis"?, "rollback": {...},
//    "go_no_go"?, "approvals": [...], "events": [...], "sha256"}
// The parts that are records of the checkpoint (backup, recovery_point, plan, execution,
// flag_changes, rungs, measurements, approvals, events) have the shapes of the checkpoint's
// own JSON (GET /v1/checkpoints/{id}); docs/evidence.md lists every field. Times are
// RFC 3339 UTC with microseconds; absent optional parts and empty optional strings are
// left out.
//
// to_json() seals the package: "sha256" is evidence_seal() of everything else
// (codec/evidence_seal.hpp). Decoding reads what to_json() writes, names the first bad
// field by its path and fails with ErrorCode::internal; it ignores unknown fields and does
// not check the seal (check_seal does).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "core/evidence.hpp"
#include "core/result.hpp"

namespace ckpt {

// The version of the package's shape, in "format".
inline constexpr int kEvidenceFormat = 1;

boost::json::object to_json(const EvidencePackage& package);

// A package as read back, with the sha256 it carries.
struct SealedEvidence {
  EvidencePackage package;
  std::string sha256;
};

Result<SealedEvidence> evidence_from_json(const boost::json::value& json);

}  // namespace ckpt
