// Field-by-field equality of the domain model's structs (core defines none) and gtest
// printers that show a checkpoint or event as its JSON, for readable test failures.
#pragma once

#include <boost/json/serialize.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>

#include "codec/model_json.hpp"
#include "codec/plan_json.hpp"
#include "core/checkpoint.hpp"

namespace ckpt {

inline bool operator==(const RollbackWindow& a, const RollbackWindow& b) {
  return std::tie(a.duration, a.owner, a.approver) == std::tie(b.duration, b.owner, b.approver);
}

// Plans compare by their JSON (codec/plan_json.hpp is tested field by field on its own).
inline std::optional<std::string> plan_text(const std::optional<MigrationPlan>& plan) {
  if (!plan) return std::nullopt;
  return boost::json::serialize(to_json(*plan));
}

inline bool operator==(const DrillOrder& a, const DrillOrder& b) {
  return std::tie(a.trigger, a.keep, a.by) == std::tie(b.trigger, b.keep, b.by);
}

inline bool operator==(const DrillResult& a, const DrillResult& b) {
  return std::tie(a.finished_at, a.verified, a.scratch_removed, a.message) ==
         std::tie(b.finished_at, b.verified, b.scratch_removed, b.message);
}

inline bool operator==(const BeginRequest& a, const BeginRequest& b) {
  return std::tie(a.cluster, a.migration_id, a.purpose, a.phase, a.window, a.idempotency_key, a.drill) ==
             std::tie(b.cluster, b.migration_id, b.purpose, b.phase, b.window, b.idempotency_key, b.drill) &&
         plan_text(a.plan) == plan_text(b.plan);
}

inline bool operator==(const StatementRun& a, const StatementRun& b) {
  return std::tie(a.line, a.command, a.rows, a.duration_seconds, a.notices) ==
         std::tie(b.line, b.command, b.rows, b.duration_seconds, b.notices);
}

inline bool operator==(const StepRun& a, const StepRun& b) {
  return std::tie(a.file, a.sha256, a.started_at, a.finished_at, a.applied, a.statements) ==
         std::tie(b.file, b.sha256, b.started_at, b.finished_at, b.applied, b.statements);
}

inline bool operator==(const MigrationFailure& a, const MigrationFailure& b) {
  return std::tie(a.file, a.line, a.sqlstate, a.message, a.position) ==
         std::tie(b.file, b.line, b.sqlstate, b.message, b.position);
}

inline bool operator==(const MigrationRecord& a, const MigrationRecord& b) {
  return std::tie(a.kind, a.started_at, a.finished_at, a.steps, a.command, a.exit_code, a.signal, a.output,
                  a.failure) ==
         std::tie(b.kind, b.started_at, b.finished_at, b.steps, b.command, b.exit_code, b.signal, b.output, b.failure);
}

inline bool operator==(const BackupInfo& a, const BackupInfo& b) {
  return std::tie(a.backup_id, a.name, a.begin_lsn, a.end_lsn, a.timeline, a.started_at, a.stopped_at, a.reused,
                  a.size_bytes, a.reuse_declined) == std::tie(b.backup_id, b.name, b.begin_lsn, b.end_lsn, b.timeline,
                                                              b.started_at, b.stopped_at, b.reused, b.size_bytes,
                                                              b.reuse_declined);
}

inline bool operator==(const RestoreRates& a, const RestoreRates& b) {
  return std::tie(a.base_bytes_per_second, a.replay_bytes_per_second, a.fixed_seconds, a.samples) ==
         std::tie(b.base_bytes_per_second, b.replay_bytes_per_second, b.fixed_seconds, b.samples);
}

inline bool operator==(const RestorePrediction& a, const RestorePrediction& b) {
  return std::tie(a.seconds, a.base_bytes, a.wal_bytes, a.rates) ==
         std::tie(b.seconds, b.base_bytes, b.wal_bytes, b.rates);
}

inline bool operator==(const RecoveryPoint& a, const RecoveryPoint& b) {
  return std::tie(a.server_time, a.current_lsn, a.target_lsn, a.timeline, a.restore_point, a.wal_file) ==
         std::tie(b.server_time, b.current_lsn, b.target_lsn, b.timeline, b.restore_point, b.wal_file);
}

inline bool operator==(const RestorePhaseMark& a, const RestorePhaseMark& b) {
  return std::tie(a.phase, a.at) == std::tie(b.phase, b.at);
}

inline bool operator==(const RestoreRecord& a, const RestoreRecord& b) {
  return std::tie(a.attempt, a.trigger, a.cutover, a.target, a.port, a.phases, a.duration_seconds, a.restored_timeline,
                  a.error, a.cut_over, a.path) == std::tie(b.attempt, b.trigger, b.cutover, b.target, b.port, b.phases,
                                                           b.duration_seconds, b.restored_timeline, b.error, b.cut_over,
                                                           b.path);
}

inline bool operator==(const ParkedCopy& a, const ParkedCopy& b) {
  return std::tie(a.state, a.target, a.port, a.estimated_bytes, a.disk_bytes, a.parked_at, a.message) ==
         std::tie(b.state, b.target, b.port, b.estimated_bytes, b.disk_bytes, b.parked_at, b.message);
}

inline bool operator==(const Checkpoint& a, const Checkpoint& b) {
  return std::tie(a.id, a.request, a.state, a.reason, a.message, a.created_at, a.updated_at, a.committed_at, a.backup,
                  a.recovery_point, a.schema_fingerprint, a.restore, a.migration, a.drill_result, a.predicted_restore,
                  a.parked_copy) == std::tie(b.id, b.request, b.state, b.reason, b.message, b.created_at, b.updated_at,
                                             b.committed_at, b.backup, b.recovery_point, b.schema_fingerprint,
                                             b.restore, b.migration, b.drill_result, b.predicted_restore,
                                             b.parked_copy);
}

inline bool operator==(const Event& a, const Event& b) {
  return std::tie(a.checkpoint_id, a.seq, a.at, a.type, a.message) ==
         std::tie(b.checkpoint_id, b.seq, b.at, b.type, b.message);
}

inline void PrintTo(const Checkpoint& checkpoint, std::ostream* out) {
  *out << boost::json::serialize(to_json(checkpoint));
}

inline void PrintTo(const Event& event, std::ostream* out) {
  *out << boost::json::serialize(to_json(event));
}

}  // namespace ckpt
