#include "codec/model_json.hpp"

#include <cstdint>
#include <limits>

#include "codec/enum_names.hpp"
#include "codec/field_reader.hpp"
#include "codec/json_writing.hpp"
#include "codec/migration_json.hpp"
#include "codec/plan_json.hpp"
#include "codec/watch_json.hpp"
#include "core/duration.hpp"
#include "core/lsn.hpp"
#include "core/time_format.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using codec::FieldReader;
using codec::Presence;
using codec::put_if_not_empty;

constexpr ErrorCode kDecodeError = ErrorCode::internal;
constexpr std::uint64_t kMaxTimeline = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint64_t kMaxInt = std::numeric_limits<int>::max();
constexpr std::uint64_t kMaxPort = 65535;

template <typename T>
using ObjectDecoder = Result<T> (*)(const json::object&, std::string);

// Decodes a top-level value that must be an object named `what` in messages.
template <typename T>
Result<T> decode_top_level(const json::value& value, std::string_view what, ObjectDecoder<T> decode) {
  if (!value.is_object()) {
    return make_error(kDecodeError,
                      std::string{what} + " must be a JSON object, got " + std::string{codec::json_kind_name(value)});
  }
  return decode(value.get_object(), "");
}

// Decodes the object at `key` with `decode`, recording any error in `reader`.
template <typename T>
std::optional<T> part(FieldReader& reader, std::string_view key, Presence presence, ObjectDecoder<T> decode) {
  const json::object* part = reader.object_field(key, presence);
  if (part == nullptr) return std::nullopt;
  return reader.take(decode(*part, reader.path_of(key)));
}

Result<BackupInfo> decode_backup(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  BackupInfo backup;
  backup.backup_id = in.required_string("backup_id");
  backup.name = in.required_string("name");
  backup.begin_lsn = in.required_lsn("begin_lsn");
  backup.end_lsn = in.required_lsn("end_lsn");
  backup.timeline = static_cast<std::uint32_t>(in.required_unsigned("timeline", kMaxTimeline));
  backup.started_at = in.required_time("started_at");
  backup.stopped_at = in.required_time("stopped_at");
  backup.reused = in.required_bool("reused");
  backup.size_bytes = in.optional_unsigned("size_bytes", std::numeric_limits<std::int64_t>::max()).value_or(0);
  backup.reuse_declined = in.optional_string("reuse_declined");
  return in.finish(std::move(backup));
}

Result<RestorePrediction> decode_prediction(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  constexpr auto kMaxBytes = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  RestorePrediction prediction;
  prediction.seconds = in.optional_number("seconds").value_or(0);
  prediction.base_bytes = in.required_unsigned("base_bytes", kMaxBytes);
  prediction.wal_bytes = in.required_unsigned("wal_bytes", kMaxBytes);
  prediction.rates.base_bytes_per_second = in.optional_number("base_bytes_per_second").value_or(0);
  prediction.rates.replay_bytes_per_second = in.optional_number("replay_bytes_per_second").value_or(0);
  prediction.rates.fixed_seconds = in.optional_number("fixed_seconds").value_or(0);
  prediction.rates.samples = in.required_int("rate_samples", 0, std::numeric_limits<int>::max());
  return in.finish(std::move(prediction));
}

Result<RecoveryPoint> decode_recovery_point(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RecoveryPoint point;
  point.server_time = in.required_string("server_time");
  point.current_lsn = in.required_lsn("current_lsn");
  point.target_lsn = in.required_lsn("target_lsn");
  point.timeline = static_cast<std::uint32_t>(in.required_unsigned("timeline", kMaxTimeline));
  point.restore_point = in.required_string("restore_point");
  point.wal_file = in.required_string("wal_file");
  return in.finish(std::move(point));
}

Result<RestorePhaseMark> decode_phase_mark(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RestorePhaseMark mark;
  mark.phase = in.required_string("phase");
  mark.at = in.required_time("at");
  return in.finish(std::move(mark));
}

Result<RestoreRecord> decode_restore(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RestoreRecord restore;
  restore.attempt = static_cast<int>(in.required_unsigned("attempt", kMaxInt));
  restore.trigger = in.required_string("trigger");
  restore.cutover = in.required_bool("cutover");
  restore.target = in.required_string("target");
  restore.port = static_cast<int>(in.required_unsigned("port", kMaxPort));
  restore.phases = in.object_items<RestorePhaseMark>("phases", Presence::required, &decode_phase_mark);
  restore.duration_seconds = in.optional_number("duration_seconds");
  restore.restored_timeline = static_cast<std::uint32_t>(in.required_unsigned("restored_timeline", kMaxTimeline));
  restore.error = in.optional_string("error");
  restore.cut_over = in.required_bool("cut_over");
  restore.path = in.optional_string("path");
  return in.finish(std::move(restore));
}

Result<ParkedCopy> decode_parked_copy(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  constexpr auto kMaxBytes = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  ParkedCopy copy;
  copy.state = in.required_string("state");
  copy.target = in.required_string("target");
  copy.port = static_cast<int>(in.required_unsigned("port", kMaxPort));
  copy.estimated_bytes = in.optional_unsigned("estimated_bytes", kMaxBytes).value_or(0);
  copy.disk_bytes = in.optional_unsigned("disk_bytes", kMaxBytes).value_or(0);
  copy.parked_at = in.optional_time("parked_at");
  copy.message = in.optional_string("message");
  return in.finish(std::move(copy));
}

Result<DrillOrder> decode_drill_order(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  DrillOrder drill;
  drill.trigger = in.required_string("trigger");
  drill.keep = in.required_bool("keep");
  drill.by = in.required_string("by");
  return in.finish(std::move(drill));
}

Result<DrillResult> decode_drill_result(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  DrillResult result;
  result.finished_at = in.required_time("finished_at");
  result.verified = in.required_bool("verified");
  result.scratch_removed = in.required_bool("scratch_removed");
  result.message = in.optional_string("message");
  return in.finish(std::move(result));
}

Result<Checkpoint> decode_checkpoint(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  Checkpoint checkpoint;
  checkpoint.id = in.required_string("id");
  checkpoint.request.cluster = in.required_string("cluster");
  checkpoint.request.migration_id = in.required_string("migration_id");
  checkpoint.request.purpose = in.required_string("purpose");
  checkpoint.request.phase =
      in.enum_field<MigrationPhase>("phase", Presence::required, &migration_phase_from, codec::migration_phase_names())
          .value_or(MigrationPhase::expand);
  checkpoint.request.window =
      part<RollbackWindow>(in, "rollback_window", Presence::required, &rollback_window_from_json)
          .value_or(RollbackWindow{});
  checkpoint.request.idempotency_key = in.optional_string("idempotency_key");
  if (const json::object* plan = in.object_field("plan", Presence::optional)) {
    checkpoint.request.plan = in.take(plan_from_json(*plan, kDecodeError));
  }
  checkpoint.request.drill = part<DrillOrder>(in, "drill", Presence::optional, &decode_drill_order);
  checkpoint.state = in.enum_field<CheckpointState>("state", Presence::required, &checkpoint_state_from,
                                                    codec::checkpoint_state_names())
                         .value_or(CheckpointState::backing_up);
  checkpoint.reason = in.optional_string("reason");
  checkpoint.message = in.optional_string("message");
  checkpoint.created_at = in.required_time("created_at");
  checkpoint.updated_at = in.required_time("updated_at");
  if (in.string_if_present("committed_at")) checkpoint.committed_at = in.required_time("committed_at");
  checkpoint.backup = part<BackupInfo>(in, "backup", Presence::optional, &decode_backup);
  checkpoint.recovery_point = part<RecoveryPoint>(in, "recovery_point", Presence::optional, &decode_recovery_point);
  checkpoint.schema_fingerprint = in.optional_string("schema_fingerprint");
  checkpoint.restore = part<RestoreRecord>(in, "restore", Presence::optional, &decode_restore);
  checkpoint.migration = part<MigrationRecord>(in, "migration", Presence::optional, &migration_record_from_json);
  checkpoint.watch = part<WatchRecord>(in, "watch", Presence::optional, &watch_record_from_json);
  checkpoint.flag_changes = in.object_items<FlagChange>("flag_changes", Presence::optional, &flag_change_from_json);
  checkpoint.approvals = in.object_items<Approval>("approvals", Presence::optional, &approval_from_json);
  checkpoint.drill_result = part<DrillResult>(in, "drill_result", Presence::optional, &decode_drill_result);
  checkpoint.predicted_restore =
      part<RestorePrediction>(in, "predicted_restore", Presence::optional, &decode_prediction);
  checkpoint.parked_copy = part<ParkedCopy>(in, "parked_copy", Presence::optional, &decode_parked_copy);
  return in.finish(std::move(checkpoint));
}

Result<Event> decode_event(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  Event event;
  event.checkpoint_id = in.required_string("checkpoint_id");
  event.seq = in.required_unsigned("seq", std::numeric_limits<std::uint64_t>::max());
  event.at = in.required_time("at");
  event.type = in.required_string("type");
  event.message = in.required_string("message");
  return in.finish(std::move(event));
}

}  // namespace

Result<RollbackWindow> rollback_window_from_json(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RollbackWindow window;
  window.duration = in.required_duration("duration");
  window.owner = in.required_string("owner");
  window.approver = in.required_string("approver");
  return in.finish(std::move(window));
}

json::object to_json(const RollbackWindow& window) {
  return json::object{
      {"duration", format_duration(window.duration)}, {"owner", window.owner}, {"approver", window.approver}};
}

Result<Approval> approval_from_json(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  Approval approval;
  approval.by = in.required_string("by");
  approval.note = in.optional_string("note");
  approval.at = in.required_time("at");
  return in.finish(std::move(approval));
}

json::object to_json(const Approval& approval) {
  json::object out{{"by", approval.by}, {"at", format_rfc3339(approval.at)}};
  put_if_not_empty(out, "note", approval.note);
  return out;
}

json::object to_json(const DrillOrder& drill) {
  return json::object{{"trigger", drill.trigger}, {"keep", drill.keep}, {"by", drill.by}};
}

json::object to_json(const DrillResult& result) {
  json::object out{{"finished_at", format_rfc3339(result.finished_at)},
                   {"verified", result.verified},
                   {"scratch_removed", result.scratch_removed}};
  put_if_not_empty(out, "message", result.message);
  return out;
}

json::object to_json(const BackupInfo& backup) {
  json::object out{
      {"backup_id", backup.backup_id},
      {"name", backup.name},
      {"begin_lsn", format_lsn(backup.begin_lsn)},
      {"end_lsn", format_lsn(backup.end_lsn)},
      {"timeline", backup.timeline},
      {"started_at", format_rfc3339(backup.started_at)},
      {"stopped_at", format_rfc3339(backup.stopped_at)},
      {"reused", backup.reused},
  };
  if (backup.size_bytes > 0) out["size_bytes"] = backup.size_bytes;
  put_if_not_empty(out, "reuse_declined", backup.reuse_declined);
  return out;
}

json::object to_json(const RestorePrediction& prediction) {
  return json::object{
      {"seconds", prediction.seconds},
      {"base_bytes", prediction.base_bytes},
      {"wal_bytes", prediction.wal_bytes},
      {"base_bytes_per_second", prediction.rates.base_bytes_per_second},
      {"replay_bytes_per_second", prediction.rates.replay_bytes_per_second},
      {"fixed_seconds", prediction.rates.fixed_seconds},
      {"rate_samples", prediction.rates.samples},
  };
}

json::object to_json(const RecoveryPoint& point) {
  return json::object{
      {"server_time", point.server_time},           {"current_lsn", format_lsn(point.current_lsn)},
      {"target_lsn", format_lsn(point.target_lsn)}, {"timeline", point.timeline},
      {"restore_point", point.restore_point},       {"wal_file", point.wal_file},
  };
}

json::object to_json(const RestorePhaseMark& mark) {
  return json::object{{"phase", mark.phase}, {"at", format_rfc3339(mark.at)}};
}

json::object to_json(const RestoreRecord& restore) {
  json::array phases;
  for (const auto& mark : restore.phases) phases.emplace_back(to_json(mark));
  json::object out{
      {"attempt", restore.attempt}, {"trigger", restore.trigger}, {"cutover", restore.cutover},
      {"target", restore.target},   {"port", restore.port},       {"phases", std::move(phases)},
  };
  if (restore.duration_seconds) out["duration_seconds"] = *restore.duration_seconds;
  out["restored_timeline"] = restore.restored_timeline;
  put_if_not_empty(out, "error", restore.error);
  out["cut_over"] = restore.cut_over;
  put_if_not_empty(out, "path", restore.path);
  return out;
}

json::object to_json(const ParkedCopy& copy) {
  json::object out{{"state", copy.state}, {"target", copy.target}, {"port", copy.port}};
  if (copy.estimated_bytes > 0) out["estimated_bytes"] = copy.estimated_bytes;
  if (copy.disk_bytes > 0) out["disk_bytes"] = copy.disk_bytes;
  if (copy.parked_at) out["parked_at"] = format_rfc3339(*copy.parked_at);
  put_if_not_empty(out, "message", copy.message);
  return out;
}

json::object to_json(const Checkpoint& checkpoint) {
  const BeginRequest& request = checkpoint.request;
  json::object out{
      {"id", checkpoint.id},        {"cluster", request.cluster},        {"migration_id", request.migration_id},
      {"purpose", request.purpose}, {"phase", to_string(request.phase)}, {"rollback_window", to_json(request.window)},
  };
  put_if_not_empty(out, "idempotency_key", request.idempotency_key);
  if (request.plan) out["plan"] = to_json(*request.plan);
  if (request.drill) out["drill"] = to_json(*request.drill);
  out["state"] = to_string(checkpoint.state);
  put_if_not_empty(out, "reason", checkpoint.reason);
  put_if_not_empty(out, "message", checkpoint.message);
  out["created_at"] = format_rfc3339(checkpoint.created_at);
  out["updated_at"] = format_rfc3339(checkpoint.updated_at);
  if (checkpoint.committed_at) out["committed_at"] = format_rfc3339(*checkpoint.committed_at);
  if (checkpoint.backup) out["backup"] = to_json(*checkpoint.backup);
  if (checkpoint.recovery_point) out["recovery_point"] = to_json(*checkpoint.recovery_point);
  put_if_not_empty(out, "schema_fingerprint", checkpoint.schema_fingerprint);
  if (checkpoint.restore) out["restore"] = to_json(*checkpoint.restore);
  if (checkpoint.migration) out["migration"] = to_json(*checkpoint.migration);
  if (checkpoint.watch) out["watch"] = to_json(*checkpoint.watch);
  if (!checkpoint.flag_changes.empty()) {
    json::array changes;
    for (const auto& change : checkpoint.flag_changes) changes.emplace_back(to_json(change));
    out["flag_changes"] = std::move(changes);
  }
  if (!checkpoint.approvals.empty()) {
    json::array approvals;
    for (const auto& approval : checkpoint.approvals) approvals.emplace_back(to_json(approval));
    out["approvals"] = std::move(approvals);
  }
  if (checkpoint.drill_result) out["drill_result"] = to_json(*checkpoint.drill_result);
  if (checkpoint.predicted_restore) out["predicted_restore"] = to_json(*checkpoint.predicted_restore);
  if (checkpoint.parked_copy) out["parked_copy"] = to_json(*checkpoint.parked_copy);
  return out;
}

json::object to_json(const Event& event) {
  return json::object{
      {"checkpoint_id", event.checkpoint_id},
      {"seq", event.seq},
      {"at", format_rfc3339(event.at)},
      {"type", event.type},
      {"message", event.message},
  };
}

Result<Checkpoint> checkpoint_from_json(const json::value& json) {
  return decode_top_level<Checkpoint>(json, "checkpoint", &decode_checkpoint);
}

Result<Event> event_from_json(const json::value& json) {
  return decode_top_level<Event>(json, "event", &decode_event);
}

Result<BackupInfo> backup_info_from_json(const json::value& json) {
  return decode_top_level<BackupInfo>(json, "backup", &decode_backup);
}

Result<RecoveryPoint> recovery_point_from_json(const json::value& json) {
  return decode_top_level<RecoveryPoint>(json, "recovery point", &decode_recovery_point);
}

Result<RestoreRecord> restore_record_from_json(const json::value& json) {
  return decode_top_level<RestoreRecord>(json, "restore record", &decode_restore);
}

Result<RestorePhaseMark> restore_phase_mark_from_json(const json::value& json) {
  return decode_top_level<RestorePhaseMark>(json, "restore phase mark", &decode_phase_mark);
}

}  // namespace ckpt
