// The evidence package of one checkpoint: what a release review or a runbook needs as
// proof, built from recorded data only (the checkpoint with its plan, migration record,
// SLO watch, flag changes, approvals and restore, its timeline events, and the go/no-go
// computed from recorded checkpoints). Plain data and pure functions, no IO:
//   build_evidence()          the package, from those records
//   go_no_go_migration_id()   whose contract step's go/no-go belongs in the package
//   rollback_steps()          the rollback timeline in time order, for people
// codec/evidence_json.hpp writes it as JSON with its sha256; docs/evidence.md describes
// every part.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis.hpp"
#include "core/checkpoint.hpp"
#include "core/contract_gate.hpp"
#include "core/watch.hpp"

namespace ckpt {

// Whether the WAL holding the recovery target was archived before the checkpoint became
// ready (the daemon records `ready` only after it saw the segment archived).
struct ArchiveProof {
  bool proven = false;
  std::optional<TimePoint> ready_at;  // when the checkpoint became ready
  std::string detail;                 // the proof, or why there is none
};

// One metric of an analysis run with its definition and its assessment.
struct MetricEvidence {
  std::string name;
  std::string success_condition;  // empty: none
  std::string failure_condition;  // empty: none
  bool dry_run = false;
  AnalysisPhase phase = AnalysisPhase::pending;  // as assessed from the measurements
  std::string message;                           // why that phase
  int folded = 0;                                // older measurements not kept, only counted
  std::vector<Measurement> measurements;         // oldest first
};

struct RunEvidence {
  std::string kind;  // "watch" | "recheck"
  TimePoint started_at;
  std::optional<TimePoint> ends_at;
  std::optional<TimePoint> finished_at;
  AnalysisPhase phase = AnalysisPhase::running;
  std::string message;
  std::vector<MetricEvidence> metrics;
};

struct AnalysisEvidence {
  WatchStage stage = WatchStage::measuring;
  std::string stage_reason;
  std::vector<RunEvidence> runs;  // the watch, then the recheck after the flag off
  std::vector<CheckResult> data_checks;
};

// The measurement that first showed the failure (the end of the earliest Failed
// measurement of a deciding metric).
struct FailureSignal {
  std::string metric;
  Measurement measurement;
};

struct RestorePhaseEvidence {
  std::string phase;
  TimePoint at;
  double offset_seconds = 0;  // since the restore's first phase
};

struct RestoreEvidence {
  int attempt = 1;
  std::string trigger;  // manual | auto
  std::string target;
  std::string path;       // pre-warmed | cold; empty: recorded before restores had paths
  bool cutover = false;   // asked for
  bool cut_over = false;  // carried out
  std::vector<RestorePhaseEvidence> phases;
  std::optional<double> duration_seconds;   // trigger to verified
  std::optional<double> predicted_seconds;  // predicted when the checkpoint became ready
  std::uint32_t restored_timeline = 0;
  bool verified = false;  // reached the `verified` phase
  std::string error;
  std::vector<std::string> notes;  // the restore's progress notes, in order
};

struct RollbackEvidence {
  std::optional<TimePoint> failed_at;  // the checkpoint failed
  std::string failure;                 // why, as recorded
  std::optional<TimePoint> first_failure_at;
  std::optional<FailureSignal> failure_signal;
  std::vector<RungRecord> rungs;
  std::optional<TimePoint> recovered_at;
  std::optional<double> recovery_seconds;  // first failure to recovered
  std::optional<RestoreEvidence> restore;
};

// The go/no-go of the contract step that follows `expand_migration_id`.
struct GoNoGoEvidence {
  std::string expand_migration_id;
  GateVerdict verdict;
};

struct EvidencePackage {
  TimePoint generated_at;
  std::string checkpointd_version;  // empty: unknown

  // The checkpoint.
  std::string checkpoint_id;
  CheckpointState state = CheckpointState::backing_up;
  std::string reason;
  std::string message;
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> committed_at;
  std::string schema_fingerprint;
  std::optional<BackupInfo> backup;
  std::optional<RecoveryPoint> recovery_point;
  ArchiveProof archived_before_ready;

  // The migration as asked for (id, purpose, cluster, phase, rollback window) and its
  // plan: session, commit policy, SQL files with their sha256 and classified statements.
  BeginRequest request;

  std::optional<MigrationRecord> execution;
  std::vector<FlagChange> flag_changes;
  std::optional<AnalysisEvidence> analysis;
  RollbackEvidence rollback;
  std::optional<GoNoGoEvidence> go_no_go;
  std::vector<Approval> approvals;
  std::vector<Event> events;  // the checkpoint's timeline, seq ascending
};

// The expand migration whose contract step's go/no-go the package shows: the checkpoint's
// own migration for an expand checkpoint, the plan's expand_migration_id for a contract
// one; none for a contract checkpoint that names no expand migration.
std::optional<std::string> go_no_go_migration_id(const Checkpoint& checkpoint);

// `go_no_go`: the verdict for go_no_go_migration_id(checkpoint), when one was computed.
EvidencePackage build_evidence(const Checkpoint& checkpoint, const std::vector<Event>& events,
                               const std::optional<GateVerdict>& go_no_go, TimePoint generated_at,
                               std::string checkpointd_version);

// One row of the rollback timeline.
struct RollbackStep {
  TimePoint at;
  std::string step;    // "failure signal", "flag_off decided", "restore verified", ...
  std::string detail;  // the measurement, the reason, the error
};

// The failure, the failure signal, each rung (decided and done), each flag turned off, the
// restore's phases and the recovery, in time order (equal times keep that order).
std::vector<RollbackStep> rollback_steps(const EvidencePackage& package);

}  // namespace ckpt
