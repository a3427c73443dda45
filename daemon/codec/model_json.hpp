// The domain model as JSON, for the HTTP API and the journal. Times are RFC 3339 UTC
// with microseconds, LSNs "X/X", durations "24h"-style strings. Empty optional strings
// and absent optional parts are omitted.
//
// Decoding is the exact inverse for every value with microsecond-precision times
// (from_json(to_json(x)) == x). It requires every field to_json() always writes, names
// the first bad field by its path ("backup.begin_lsn") and fails with
// ErrorCode::internal (the data came from the daemon itself, not from a user). Unknown
// fields are ignored, so an older client can read a newer daemon's answers.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt {

boost::json::object to_json(const Checkpoint& checkpoint);
boost::json::object to_json(const Event& event);
boost::json::object to_json(const BackupInfo& backup);
boost::json::object to_json(const RestorePrediction& prediction);
boost::json::object to_json(const RecoveryPoint& point);
boost::json::object to_json(const RestoreRecord& restore);
boost::json::object to_json(const ParkedCopy& copy);
boost::json::object to_json(const RestorePhaseMark& mark);
boost::json::object to_json(const Approval& approval);
boost::json::object to_json(const DrillOrder& drill);
boost::json::object to_json(const DrillResult& result);
boost::json::object to_json(const RollbackWindow& window);

Result<Checkpoint> checkpoint_from_json(const boost::json::value& json);
Result<Event> event_from_json(const boost::json::value& json);
Result<BackupInfo> backup_info_from_json(const boost::json::value& json);
Result<RecoveryPoint> recovery_point_from_json(const boost::json::value& json);
Result<RestoreRecord> restore_record_from_json(const boost::json::value& json);
Result<RestorePhaseMark> restore_phase_mark_from_json(const boost::json::value& json);
// Decodes the object at `path` (for messages).
Result<Approval> approval_from_json(const boost::json::object& json, std::string path);
Result<RollbackWindow> rollback_window_from_json(const boost::json::object& json, std::string path);

}  // namespace ckpt
