// The migration plan (core/plan.hpp) as JSON, as it travels in the "plan" field of a
// begin request and of a checkpoint. Its shape follows the plan YAML (docs/plan.md):
//   {"migration": {"id", "purpose"?, "expand_migration_id"?}, "cluster", "phase",
//    "rollback_window": {"duration", "owner", "approver"},
//    "session": {"lock_timeout", "statement_timeout"},
//    "steps": [{"file", "sql", "sha256", "transaction", "reviewed",
//               "statements": [{"text", "line", "column", "command",
//                               "needs_own_transaction", "class", "rule", "reason"}]}],
//    "command": [...], "commit", "break_glass"?: {"by", "reason"}}
// Durations are "5s"-style strings; empty optional strings and an absent break_glass
// are omitted; everything else is always written.
//
// Decoding is the exact inverse (plan_from_json(to_json(x)) equals x field by field,
// statements included). It requires every field to_json() always writes and names the
// first bad one by its path ("plan.steps[1].sql"). With ErrorCode::bad_request (a
// request body) unknown fields are errors too; with ErrorCode::internal (data the
// daemon wrote) they are ignored, so an older client reads a newer daemon's answers.
// Rules (a zero timeout, an empty id) are core/plan_rules.hpp's, not the decoder's.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/plan.hpp"
#include "core/result.hpp"
#include "core/statement.hpp"

namespace ckpt {

boost::json::object to_json(const MigrationPlan& plan);
boost::json::object to_json(const ClassifiedStatement& statement);

// `json` is the plan object itself; messages call it 'plan'.
Result<MigrationPlan> plan_from_json(const boost::json::value& json, ErrorCode code);
Result<MigrationPlan> plan_from_json(const boost::json::object& json, ErrorCode code);

}  // namespace ckpt
