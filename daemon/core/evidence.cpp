#include "core/evidence.hpp"

#include <algorithm>
#include <utility>

#include "core/lsn.hpp"
#include "core/time_format.hpp"

namespace ckpt {
namespace {

// The store records a state change as an event of this type, "<from> -> <to>: <why>".
constexpr std::string_view kStateEvent = "state";
constexpr std::string_view kRestoreNoteEvent = "restore.progress";

// The first state event that entered `state`, and what it says after "<from> -> <to>: ".
struct StateEntry {
  const Event* event = nullptr;
  std::string why;
};

StateEntry entered(const std::vector<Event>& events, CheckpointState state) {
  const std::string arrow = " -> " + std::string{to_string(state)} + ": ";
  for (const auto& event : events) {
    if (event.type != kStateEvent) continue;
    const auto found = event.message.find(arrow);
    if (found != std::string::npos) return StateEntry{&event, event.message.substr(found + arrow.size())};
  }
  return {};
}

ArchiveProof archive_proof(const Checkpoint& checkpoint, const std::vector<Event>& events) {
  ArchiveProof proof;
  const StateEntry ready = entered(events, CheckpointState::ready);
  if (!checkpoint.recovery_point || checkpoint.recovery_point->wal_file.empty()) {
    proof.detail = "no recovery point was recorded: the checkpoint never became ready";
    if (checkpoint.state == CheckpointState::refused) proof.detail += " (refused: " + checkpoint.reason + ")";
    return proof;
  }
  if (ready.event == nullptr) {
    proof.detail = "the timeline holds no change to ready";
    return proof;
  }
  const RecoveryPoint& point = *checkpoint.recovery_point;
  proof.proven = true;
  proof.ready_at = ready.event->at;
  proof.detail = "segment " + point.wal_file + " holding the target " + format_lsn(point.target_lsn) +
                 " was archived before the checkpoint became ready at " + format_rfc3339(ready.event->at) + " (event " +
                 std::to_string(ready.event->seq) + ")";
  if (checkpoint.migration) {
    proof.detail += "; the migration started after it, at " + format_rfc3339(checkpoint.migration->started_at);
  }
  return proof;
}

MetricEvidence metric_evidence(const MetricSpec& spec, const MetricHistory& history, bool run_completed) {
  const MetricAssessment assessed = assess_metric(spec, history.measurements, run_completed, history.earlier);
  MetricEvidence metric;
  metric.name = spec.name;
  metric.success_condition = spec.success_condition;
  metric.failure_condition = spec.failure_condition;
  metric.dry_run = spec.dry_run;
  metric.phase = assessed.phase;
  metric.message = assessed.message;
  metric.folded = history.earlier.counted + history.earlier.errors;
  metric.measurements = history.measurements;
  return metric;
}

RunEvidence run_evidence(const AnalysisRunRecord& run, const std::vector<MetricSpec>& specs) {
  RunEvidence evidence;
  evidence.kind = run.kind;
  evidence.started_at = run.started_at;
  evidence.ends_at = run.ends_at;
  evidence.finished_at = run.finished_at;
  evidence.phase = run.phase;
  evidence.message = run.message;
  for (std::size_t i = 0; i < specs.size() && i < run.metrics.size(); ++i) {
    evidence.metrics.push_back(metric_evidence(specs[i], run.metrics[i], is_completed(run.phase)));
  }
  return evidence;
}

AnalysisEvidence analysis_evidence(const WatchRecord& watch, const MigrationPlan& plan) {
  AnalysisEvidence analysis;
  analysis.stage = watch.stage;
  analysis.stage_reason = watch.stage_reason;
  analysis.data_checks = watch.data_checks;
  if (!plan.slo) return analysis;
  analysis.runs.push_back(run_evidence(watch.run, watch_specs(*plan.slo)));
  if (watch.recheck) analysis.runs.push_back(run_evidence(*watch.recheck, recheck_specs(*plan.slo, plan.ladder)));
  return analysis;
}

RestoreEvidence restore_evidence(const RestoreRecord& record, const std::optional<RestorePrediction>& prediction,
                                 const std::vector<Event>& events) {
  RestoreEvidence restore;
  restore.attempt = record.attempt;
  restore.trigger = record.trigger;
  restore.target = record.target;
  restore.path = record.path;
  restore.cutover = record.cutover;
  restore.cut_over = record.cut_over;
  for (const auto& mark : record.phases) {
    const double offset = seconds_between(record.phases.front().at, mark.at);
    restore.phases.push_back(RestorePhaseEvidence{mark.phase, mark.at, offset});
    if (mark.phase == "verified") restore.verified = true;
  }
  restore.duration_seconds = record.duration_seconds;
  if (prediction) restore.predicted_seconds = prediction->seconds;
  restore.restored_timeline = record.restored_timeline;
  restore.error = record.error;
  for (const auto& event : events) {
    if (event.type == kRestoreNoteEvent) restore.notes.push_back(event.message);
  }
  return restore;
}

RollbackEvidence rollback_evidence(const Checkpoint& checkpoint, const std::vector<Event>& events) {
  RollbackEvidence rollback;
  const StateEntry failed = entered(events, CheckpointState::failed);
  if (failed.event != nullptr) {
    rollback.failed_at = failed.event->at;
    rollback.failure = failed.why;
  }
  if (checkpoint.watch) {
    const WatchRecord& watch = *checkpoint.watch;
    rollback.first_failure_at = watch.first_failure_at;
    rollback.rungs = watch.rungs;
    rollback.recovered_at = watch.recovered_at;
    rollback.recovery_seconds = recovery_seconds(watch);
    const auto& plan = checkpoint.request.plan;
    if (plan && plan->slo) {
      const auto specs = watch_specs(*plan->slo);
      if (const auto failing = first_failing_measurement(watch.run, specs)) {
        rollback.failure_signal = FailureSignal{specs[failing->metric].name, failing->measurement};
      }
    }
  }
  if (checkpoint.restore) rollback.restore = restore_evidence(*checkpoint.restore, checkpoint.predicted_restore, events);
  return rollback;
}

std::string describe(const Measurement& measurement) {
  std::string text = std::string{to_string(measurement.phase)};
  if (!measurement.value.empty()) text += ", value " + measurement.value;
  if (!measurement.message.empty()) text += ": " + measurement.message;
  return text;
}

}  // namespace

std::optional<std::string> go_no_go_migration_id(const Checkpoint& checkpoint) {
  const BeginRequest& request = checkpoint.request;
  if (request.phase == MigrationPhase::expand) return request.migration_id;
  if (request.plan && !request.plan->expand_migration_id.empty()) return request.plan->expand_migration_id;
  return std::nullopt;
}

EvidencePackage build_evidence(const Checkpoint& checkpoint, const std::vector<Event>& events,
                               const std::optional<GateVerdict>& go_no_go, TimePoint generated_at,
                               std::string checkpointd_version) {
  EvidencePackage package;
  package.generated_at = generated_at;
  package.checkpointd_version = std::move(checkpointd_version);
  package.checkpoint_id = checkpoint.id;
  package.state = checkpoint.state;
  package.reason = checkpoint.reason;
  package.message = checkpoint.message;
  package.created_at = checkpoint.created_at;
  package.updated_at = checkpoint.updated_at;
  package.committed_at = checkpoint.committed_at;
  package.schema_fingerprint = checkpoint.schema_fingerprint;
  package.backup = checkpoint.backup;
  package.recovery_point = checkpoint.recovery_point;
  package.archived_before_ready = archive_proof(checkpoint, events);
  package.request = checkpoint.request;
  package.execution = checkpoint.migration;
  package.flag_changes = checkpoint.flag_changes;
  if (checkpoint.watch && checkpoint.request.plan) {
    package.analysis = analysis_evidence(*checkpoint.watch, *checkpoint.request.plan);
  }
  package.rollback = rollback_evidence(checkpoint, events);
  const auto gate_migration = go_no_go_migration_id(checkpoint);
  if (go_no_go && gate_migration) package.go_no_go = GoNoGoEvidence{*gate_migration, *go_no_go};
  package.approvals = checkpoint.approvals;
  package.events = events;
  return package;
}

std::vector<RollbackStep> rollback_steps(const EvidencePackage& package) {
  const RollbackEvidence& rollback = package.rollback;
  std::vector<RollbackStep> steps;
  if (rollback.failure_signal) {
    const Measurement& measurement = rollback.failure_signal->measurement;
    steps.push_back({measurement.finished_at.value_or(measurement.started_at), "failure signal",
                     rollback.failure_signal->metric + ": " + describe(measurement)});
  } else if (rollback.first_failure_at) {
    steps.push_back({*rollback.first_failure_at, "failure signal", "the first failing measurement"});
  }
  for (const auto& rung : rollback.rungs) {
    steps.push_back({rung.decided_at, rung.rung + " decided", rung.reason});
    if (rung.done_at) steps.push_back({*rung.done_at, rung.rung + " done", rung.error});
  }
  for (const auto& change : package.flag_changes) {
    if (change.on) continue;
    steps.push_back({change.at, "flag off in " + change.scope,
                     change.error.empty() ? "by " + change.by : "failed: " + change.error});
  }
  if (rollback.failed_at) steps.push_back({*rollback.failed_at, "checkpoint failed", rollback.failure});
  if (rollback.restore) {
    for (const auto& phase : rollback.restore->phases) steps.push_back({phase.at, "restore " + phase.phase, ""});
  }
  if (rollback.recovered_at) steps.push_back({*rollback.recovered_at, "recovered", "the SLOs are met again"});
  std::stable_sort(steps.begin(), steps.end(),
                   [](const RollbackStep& a, const RollbackStep& b) { return a.at < b.at; });
  return steps;
}

}  // namespace ckpt
