#include "codec/evidence_json.hpp"

#include <boost/json/array.hpp>
#include <cstdint>
#include <limits>
#include <utility>

#include "codec/enum_names.hpp"
#include "codec/evidence_seal.hpp"
#include "codec/field_reader.hpp"
#include "codec/gate_json.hpp"
#include "codec/json_writing.hpp"
#include "codec/migration_json.hpp"
#include "codec/model_json.hpp"
#include "codec/plan_json.hpp"
#include "codec/watch_json.hpp"
#include "core/time_format.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;
using codec::FieldReader;
using codec::Presence;
using codec::put_if_not_empty;
using codec::strings_to_json;

constexpr ErrorCode kDecodeError = ErrorCode::internal;
constexpr int kMaxInt = std::numeric_limits<int>::max();
constexpr std::uint64_t kMaxTimeline = std::numeric_limits<std::uint32_t>::max();
constexpr const char* kPhaseNames = "Pending, Running, Successful, Failed, Error, Inconclusive";
constexpr const char* kStageNames =
    "measuring, flag_off, rechecking, checking_data, restoring, paused, passed, recovered, promoted";

// ---- writing

void put_time(json::object& out, std::string_view key, const std::optional<TimePoint>& at) {
  if (at) out[key] = format_rfc3339(*at);
}

json::object to_json(const MetricEvidence& metric);
json::object to_json(const RunEvidence& run);
json::object to_json(const RestorePhaseEvidence& phase);

template <typename T>
json::array array_of(const std::vector<T>& items) {
  json::array out;
  for (const auto& item : items) out.emplace_back(to_json(item));
  return out;
}

json::object checkpoint_part(const EvidencePackage& package) {
  json::object out{{"id", package.checkpoint_id}, {"state", to_string(package.state)}};
  put_if_not_empty(out, "reason", package.reason);
  put_if_not_empty(out, "message", package.message);
  out["created_at"] = format_rfc3339(package.created_at);
  out["updated_at"] = format_rfc3339(package.updated_at);
  put_time(out, "committed_at", package.committed_at);
  put_if_not_empty(out, "schema_fingerprint", package.schema_fingerprint);
  if (package.backup) out["backup"] = to_json(*package.backup);
  if (package.recovery_point) out["recovery_point"] = to_json(*package.recovery_point);
  const ArchiveProof& proof = package.archived_before_ready;
  json::object archived{{"proven", proof.proven}};
  put_time(archived, "ready_at", proof.ready_at);
  archived["detail"] = proof.detail;
  out["archived_before_ready"] = std::move(archived);
  return out;
}

json::object migration_part(const BeginRequest& request) {
  return json::object{
      {"id", request.migration_id},
      {"purpose", request.purpose},
      {"cluster", request.cluster},
      {"phase", to_string(request.phase)},
      {"rollback_window", to_json(request.window)},
  };
}

json::object to_json(const MetricEvidence& metric) {
  json::object out{{"name", metric.name}};
  put_if_not_empty(out, "success_condition", metric.success_condition);
  put_if_not_empty(out, "failure_condition", metric.failure_condition);
  out["dry_run"] = metric.dry_run;
  out["phase"] = to_string(metric.phase);
  put_if_not_empty(out, "message", metric.message);
  out["folded"] = metric.folded;
  out["measurements"] = array_of(metric.measurements);
  return out;
}

json::object to_json(const RunEvidence& run) {
  json::object out{{"kind", run.kind}, {"phase", to_string(run.phase)}};
  put_if_not_empty(out, "message", run.message);
  out["started_at"] = format_rfc3339(run.started_at);
  put_time(out, "ends_at", run.ends_at);
  put_time(out, "finished_at", run.finished_at);
  out["metrics"] = array_of(run.metrics);
  return out;
}

json::object to_json(const AnalysisEvidence& analysis) {
  return json::object{
      {"stage", to_string(analysis.stage)},
      {"stage_reason", analysis.stage_reason},
      {"runs", array_of(analysis.runs)},
      {"data_checks", array_of(analysis.data_checks)},
  };
}

json::object to_json(const RestorePhaseEvidence& phase) {
  return json::object{
      {"phase", phase.phase}, {"at", format_rfc3339(phase.at)}, {"offset_seconds", phase.offset_seconds}};
}

json::object to_json(const RestoreEvidence& restore) {
  json::object out{
      {"attempt", restore.attempt}, {"trigger", restore.trigger},   {"target", restore.target},
      {"cutover", restore.cutover}, {"cut_over", restore.cut_over}, {"phases", array_of(restore.phases)},
  };
  if (restore.duration_seconds) out["duration_seconds"] = *restore.duration_seconds;
  if (restore.predicted_seconds) out["predicted_seconds"] = *restore.predicted_seconds;
  put_if_not_empty(out, "path", restore.path);
  out["restored_timeline"] = restore.restored_timeline;
  out["verified"] = restore.verified;
  put_if_not_empty(out, "error", restore.error);
  out["notes"] = strings_to_json(restore.notes);
  return out;
}

json::object to_json(const RollbackEvidence& rollback) {
  json::object out;
  put_time(out, "failed_at", rollback.failed_at);
  put_if_not_empty(out, "failure", rollback.failure);
  put_time(out, "first_failure_at", rollback.first_failure_at);
  if (rollback.failure_signal) {
    out["failure_signal"] = json::object{{"metric", rollback.failure_signal->metric},
                                         {"measurement", to_json(rollback.failure_signal->measurement)}};
  }
  out["rungs"] = array_of(rollback.rungs);
  put_time(out, "recovered_at", rollback.recovered_at);
  if (rollback.recovery_seconds) out["recovery_seconds"] = *rollback.recovery_seconds;
  if (rollback.restore) out["restore"] = to_json(*rollback.restore);
  return out;
}

json::object to_json(const GoNoGoEvidence& go_no_go) {
  json::object out{{"expand_migration_id", go_no_go.expand_migration_id}};
  for (auto& member : to_json(go_no_go.verdict)) out[member.key()] = member.value();
  return out;
}

// ---- reading

// The number at `key`; records "missing field" when absent.
double required_number(FieldReader& in, std::string_view key) {
  const auto number = in.optional_number(key);
  if (!number && in.ok()) in.fail_missing(key);
  return number.value_or(0);
}

AnalysisPhase phase_field(FieldReader& in, std::string_view key) {
  return in.enum_field<AnalysisPhase>(key, Presence::required, &analysis_phase_from, kPhaseNames)
      .value_or(AnalysisPhase::error);
}

// The object at `key` decoded by `decode(object, path)`; nullopt when absent or bad.
template <typename T>
std::optional<T> part(FieldReader& in, std::string_view key, Presence presence,
                      Result<T> (*decode)(const json::object&, std::string)) {
  const json::object* object = in.object_field(key, presence);
  if (object == nullptr) return std::nullopt;
  return in.take(decode(*object, in.path_of(key)));
}

// The object at `key` decoded by one of the codecs that read a whole value.
template <typename T>
std::optional<T> value_part(FieldReader& in, std::string_view key, Presence presence,
                            Result<T> (*decode)(const json::value&)) {
  const json::object* object = in.object_field(key, presence);
  if (object == nullptr) return std::nullopt;
  return in.take(decode(json::value(*object)));
}

Result<Event> decode_event(const json::object& object, std::string) {
  return event_from_json(json::value(object));
}

Result<MetricEvidence> decode_metric(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  MetricEvidence metric;
  metric.name = in.required_string("name");
  metric.success_condition = in.optional_string("success_condition");
  metric.failure_condition = in.optional_string("failure_condition");
  metric.dry_run = in.required_bool("dry_run");
  metric.phase = phase_field(in, "phase");
  metric.message = in.optional_string("message");
  metric.folded = in.required_int("folded", 0, kMaxInt);
  metric.measurements = in.object_items<Measurement>("measurements", Presence::required, &measurement_from_json);
  return in.finish(std::move(metric));
}

Result<RunEvidence> decode_run(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RunEvidence run;
  run.kind = in.required_string("kind");
  run.phase = phase_field(in, "phase");
  run.message = in.optional_string("message");
  run.started_at = in.required_time("started_at");
  run.ends_at = in.optional_time("ends_at");
  run.finished_at = in.optional_time("finished_at");
  run.metrics = in.object_items<MetricEvidence>("metrics", Presence::required, &decode_metric);
  return in.finish(std::move(run));
}

Result<AnalysisEvidence> decode_analysis(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  AnalysisEvidence analysis;
  analysis.stage = in.enum_field<WatchStage>("stage", Presence::required, &watch_stage_from, kStageNames)
                       .value_or(WatchStage::paused);
  analysis.stage_reason = in.required_string("stage_reason");
  analysis.runs = in.object_items<RunEvidence>("runs", Presence::required, &decode_run);
  analysis.data_checks = in.object_items<CheckResult>("data_checks", Presence::required, &check_result_from_json);
  return in.finish(std::move(analysis));
}

Result<RestorePhaseEvidence> decode_restore_phase(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RestorePhaseEvidence phase;
  phase.phase = in.required_string("phase");
  phase.at = in.required_time("at");
  phase.offset_seconds = required_number(in, "offset_seconds");
  return in.finish(std::move(phase));
}

Result<RestoreEvidence> decode_restore(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RestoreEvidence restore;
  restore.attempt = in.required_int("attempt", 0, kMaxInt);
  restore.trigger = in.required_string("trigger");
  restore.target = in.required_string("target");
  restore.cutover = in.required_bool("cutover");
  restore.cut_over = in.required_bool("cut_over");
  restore.phases = in.object_items<RestorePhaseEvidence>("phases", Presence::required, &decode_restore_phase);
  restore.duration_seconds = in.optional_number("duration_seconds");
  restore.predicted_seconds = in.optional_number("predicted_seconds");
  restore.path = in.optional_string("path");
  restore.restored_timeline = static_cast<std::uint32_t>(in.required_unsigned("restored_timeline", kMaxTimeline));
  restore.verified = in.required_bool("verified");
  restore.error = in.optional_string("error");
  restore.notes = in.string_items("notes", Presence::required);
  return in.finish(std::move(restore));
}

Result<FailureSignal> decode_failure_signal(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  FailureSignal signal;
  signal.metric = in.required_string("metric");
  signal.measurement =
      part<Measurement>(in, "measurement", Presence::required, &measurement_from_json).value_or(Measurement{});
  return in.finish(std::move(signal));
}

Result<RollbackEvidence> decode_rollback(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  RollbackEvidence rollback;
  rollback.failed_at = in.optional_time("failed_at");
  rollback.failure = in.optional_string("failure");
  rollback.first_failure_at = in.optional_time("first_failure_at");
  rollback.failure_signal = part<FailureSignal>(in, "failure_signal", Presence::optional, &decode_failure_signal);
  rollback.rungs = in.object_items<RungRecord>("rungs", Presence::required, &rung_record_from_json);
  rollback.recovered_at = in.optional_time("recovered_at");
  rollback.recovery_seconds = in.optional_number("recovery_seconds");
  rollback.restore = part<RestoreEvidence>(in, "restore", Presence::optional, &decode_restore);
  return in.finish(std::move(rollback));
}

Result<GoNoGoEvidence> decode_go_no_go(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  GoNoGoEvidence go_no_go;
  go_no_go.expand_migration_id = in.required_string("expand_migration_id");
  if (auto verdict = in.take(gate_verdict_from_json(json::value(object)))) go_no_go.verdict = std::move(*verdict);
  return in.finish(std::move(go_no_go));
}

Result<ArchiveProof> decode_archive_proof(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  ArchiveProof proof;
  proof.proven = in.required_bool("proven");
  proof.ready_at = in.optional_time("ready_at");
  proof.detail = in.required_string("detail");
  return in.finish(std::move(proof));
}

// "checkpoint": a package with its checkpoint's fields.
Result<EvidencePackage> decode_checkpoint_part(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  EvidencePackage package;
  package.checkpoint_id = in.required_string("id");
  package.state = in.enum_field<CheckpointState>("state", Presence::required, &checkpoint_state_from,
                                                 codec::checkpoint_state_names())
                      .value_or(CheckpointState::failed);
  package.reason = in.optional_string("reason");
  package.message = in.optional_string("message");
  package.created_at = in.required_time("created_at");
  package.updated_at = in.required_time("updated_at");
  package.committed_at = in.optional_time("committed_at");
  package.schema_fingerprint = in.optional_string("schema_fingerprint");
  package.backup = value_part<BackupInfo>(in, "backup", Presence::optional, &backup_info_from_json);
  package.recovery_point =
      value_part<RecoveryPoint>(in, "recovery_point", Presence::optional, &recovery_point_from_json);
  package.archived_before_ready =
      part<ArchiveProof>(in, "archived_before_ready", Presence::required, &decode_archive_proof)
          .value_or(ArchiveProof{});
  return in.finish(std::move(package));
}

Result<BeginRequest> decode_migration_part(const json::object& object, std::string path) {
  FieldReader in{object, std::move(path), kDecodeError};
  BeginRequest request;
  request.migration_id = in.required_string("id");
  request.purpose = in.required_string("purpose");
  request.cluster = in.required_string("cluster");
  request.phase =
      in.enum_field<MigrationPhase>("phase", Presence::required, &migration_phase_from, codec::migration_phase_names())
          .value_or(MigrationPhase::expand);
  request.window = part<RollbackWindow>(in, "rollback_window", Presence::required, &rollback_window_from_json)
                       .value_or(RollbackWindow{});
  return in.finish(std::move(request));
}

}  // namespace

json::object to_json(const EvidencePackage& package) {
  json::object out{
      {"kind", kEvidenceKind},
      {"format", kEvidenceFormat},
      {"generated_at", format_rfc3339(package.generated_at)},
  };
  put_if_not_empty(out, "checkpointd_version", package.checkpointd_version);
  out["checkpoint"] = checkpoint_part(package);
  out["migration"] = migration_part(package.request);
  if (package.request.plan) out["plan"] = to_json(*package.request.plan);
  if (package.execution) out["execution"] = to_json(*package.execution);
  out["flag_changes"] = array_of(package.flag_changes);
  if (package.analysis) out["analysis"] = to_json(*package.analysis);
  out["rollback"] = to_json(package.rollback);
  if (package.go_no_go) out["go_no_go"] = to_json(*package.go_no_go);
  out["approvals"] = array_of(package.approvals);
  out["events"] = array_of(package.events);
  out["sha256"] = evidence_seal(out);
  return out;
}

Result<SealedEvidence> evidence_from_json(const json::value& json) {
  if (!json.is_object()) {
    return make_error(kDecodeError,
                      "an evidence package must be a JSON object, got " + std::string{codec::json_kind_name(json)});
  }
  FieldReader in{json.get_object(), "", kDecodeError};
  if (in.required_string("kind") != kEvidenceKind && in.ok()) {
    in.fail_field("kind", "must be \"" + std::string{kEvidenceKind} + "\"");
  }
  in.required_int("format", kEvidenceFormat, kEvidenceFormat);
  SealedEvidence sealed;
  EvidencePackage& package = sealed.package;
  if (auto checkpoint = part<EvidencePackage>(in, "checkpoint", Presence::required, &decode_checkpoint_part)) {
    package = std::move(*checkpoint);
  }
  package.generated_at = in.required_time("generated_at");
  package.checkpointd_version = in.optional_string("checkpointd_version");
  if (auto request = part<BeginRequest>(in, "migration", Presence::required, &decode_migration_part)) {
    package.request = std::move(*request);
  }
  if (const json::object* plan = in.object_field("plan", Presence::optional)) {
    package.request.plan = in.take(plan_from_json(*plan, kDecodeError));
  }
  package.execution = part<MigrationRecord>(in, "execution", Presence::optional, &migration_record_from_json);
  package.flag_changes = in.object_items<FlagChange>("flag_changes", Presence::required, &flag_change_from_json);
  package.analysis = part<AnalysisEvidence>(in, "analysis", Presence::optional, &decode_analysis);
  package.rollback =
      part<RollbackEvidence>(in, "rollback", Presence::required, &decode_rollback).value_or(RollbackEvidence{});
  package.go_no_go = part<GoNoGoEvidence>(in, "go_no_go", Presence::optional, &decode_go_no_go);
  package.approvals = in.object_items<Approval>("approvals", Presence::required, &approval_from_json);
  package.events = in.object_items<Event>("events", Presence::required, &decode_event);
  sealed.sha256 = in.required_string("sha256");
  return in.finish(std::move(sealed));
}

}  // namespace ckpt
