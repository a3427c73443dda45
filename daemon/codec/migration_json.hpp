// The migration record of a checkpoint (core/checkpoint.hpp MigrationRecord: steps and
// statements run, or the wrapped command's end, and the failure) as JSON, for the API
// and the journal. Same conventions as model_json.hpp: RFC 3339 UTC times with
// microseconds, absent optional parts omitted, decoding the exact inverse that names
// the first bad field by its path and fails with ErrorCode::internal.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt {

boost::json::object to_json(const MigrationRecord& record);
boost::json::object to_json(const MigrationFailure& failure);

// The statements of one history row (pg/migration_session.hpp): what ran, as evidence
// that a restarted daemon reads back when the journal missed the step's end.
std::string statement_runs_to_text(const std::vector<StatementRun>& runs);
Result<std::vector<StatementRun>> statement_runs_from_text(std::string_view text);

// Decodes the object at `path` (for messages) in `json`.
Result<MigrationRecord> migration_record_from_json(const boost::json::object& json, std::string path);

}  // namespace ckpt
