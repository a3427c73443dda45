// The checkpoint: what `begin` asked for, where its life stands, and the evidence
// gathered on the way (base backup, exact recovery point, schema fingerprint, restore
// record with phase timestamps). Plain data, engine-agnostic, no IO.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/duration.hpp"
#include "core/lsn.hpp"
#include "core/migration_terms.hpp"
#include "core/plan.hpp"
#include "core/watch.hpp"

namespace ckpt {

enum class CheckpointState {
  backing_up,
  ready,
  migrating,
  watching,
  committed,
  closed,
  refused,
  failed,
  restoring,
  restored,
  restore_failed,
  aborted,
};

std::string_view to_string(CheckpointState state);
std::optional<CheckpointState> checkpoint_state_from(std::string_view text);
// A restore drill (checkpointctl drill, or the cluster's drill schedule): its checkpoint
// carries no migration; it is restored into a scratch target as soon as it is ready,
// verified and measured, and the scratch target is removed unless `keep`.
struct DrillOrder {
  std::string trigger = "manual";  // manual | schedule
  bool keep = false;
  std::string by;  // who asked; "schedule" for a scheduled drill
};

// How a drill ended, recorded once when it concluded.
struct DrillResult {
  TimePoint finished_at;
  bool verified = false;         // the restore reached verified
  bool scratch_removed = false;  // the scratch target is gone
  std::string message;           // what happened: the restore's error, or why the scratch target stays
};

// What a migration job asks for with `begin` (or a drill, with `drill` set).
struct BeginRequest {
  std::string cluster;
  std::string migration_id;
  std::string purpose;
  MigrationPhase phase = MigrationPhase::expand;
  RollbackWindow window;
  std::string idempotency_key;  // empty: none
  // The migration plan (checkpointctl run): its id, cluster, phase and window equal the
  // fields above; the daemon classifies its SQL again and runs its steps.
  std::optional<MigrationPlan> plan;
  // A restore drill instead of a migration: no rollback window is asked for.
  std::optional<DrillOrder> drill;
};

// The base backup a checkpoint restores from.
struct BackupInfo {
  std::string backup_id;  // local: the backup directory's name; cnpg: status.backupId
  std::string name;       // local: the directory path; cnpg: the Backup object's name
  Lsn begin_lsn;
  Lsn end_lsn;
  std::uint32_t timeline = 0;
  TimePoint started_at;
  TimePoint stopped_at;
  bool reused = false;           // an earlier, still fresh backup was reused
  std::uint64_t size_bytes = 0;  // local: the backup's files; 0: unknown (cnpg)
  // Why the newest reusable backup was not reused although fresh enough (a restore from it
  // would break the cluster's RTO budget); empty when none was considered.
  std::string reuse_declined;
};

// The rates a restore prediction uses (core/restore_prediction.hpp).
struct RestoreRates {
  double base_bytes_per_second = 0;
  double replay_bytes_per_second = 0;
  double fixed_seconds = 0;  // start, promotion and checks
  int samples = 0;           // measured restores behind the rates; 0: the documented defaults
};

// A restore's predicted duration, recorded when the checkpoint became ready.
struct RestorePrediction {
  double seconds = 0;
  std::uint64_t base_bytes = 0;
  std::uint64_t wal_bytes = 0;  // from the backup's start to the recovery target
  RestoreRates rates;
};

// The exact point a restore goes back to, recorded on the database server after the
// backup completed and proven archived before the checkpoint became ready.
struct RecoveryPoint {
  std::string server_time;  // clock_timestamp(), "YYYY-MM-DD HH:MM:SS.ffffff+00"
  Lsn current_lsn;          // pg_current_wal_lsn() when recorded
  Lsn target_lsn;           // end of the restore point record: the recovery target
  std::uint32_t timeline = 0;
  std::string restore_point;  // pg_create_restore_point() name
  std::string wal_file;       // segment holding the target; archived before `ready`
};

struct RestorePhaseMark {
  std::string phase;  // started, base_copied, recovery_started, promoted, verified, ...
  TimePoint at;
};

struct RestoreRecord {
  int attempt = 1;
  std::string trigger;  // manual | auto
  bool cutover = false;
  std::string target;  // local: new data directory; cnpg: recovery Cluster name
  int port = 0;        // local: the restored instance's port
  std::vector<RestorePhaseMark> phases;
  std::optional<double> duration_seconds;  // trigger to verified
  std::uint32_t restored_timeline = 0;
  std::string error;
  bool cut_over = false;  // the cut-over was carried out
  // Which way it ran: "pre-warmed" (the checkpoint's parked copy promoted) or "cold" (a
  // base backup copied and its WAL replayed); set when the restore ends.
  std::string path;
};

// A pre-warmed restore's copy (local engine, clusters[].local.prewarmed_restore): built
// in the background after `ready` from the base backup, recovered up to the recovery
// target and paused there, so that a restore only promotes and verifies it.
struct ParkedCopy {
  std::string state;                  // core/parked_copy_policy.hpp: building, parked, failed, used, removed
  std::string target;                 // its data directory
  int port = 0;                       // where it answers while parked
  std::uint64_t estimated_bytes = 0;  // disk it was expected to take when it was planned
  std::uint64_t disk_bytes = 0;       // disk it took once parked
  std::optional<TimePoint> parked_at;
  std::string message;  // why it failed, or how it was removed
};

// One statement the daemon ran: the execution evidence.
struct StatementRun {
  int line = 0;                   // 1-based line in its file
  std::string command;            // the statement's command, e.g. "ALTER TABLE", "UPDATE"
  std::optional<long long> rows;  // rows affected, for commands that report them (DML, SELECT)
  double duration_seconds = 0;
  std::vector<std::string> notices;  // server notices and warnings, in order
};

// One SQL file of the plan as it ran. `applied` is true once its transaction (or, for
// a step run statement by statement, its last statement) committed together with the
// row in checkpointd's history table.
struct StepRun {
  std::string file;
  std::string sha256;
  TimePoint started_at;
  std::optional<TimePoint> finished_at;
  bool applied = false;
  std::vector<StatementRun> statements;
};

// Why a migration failed: PostgreSQL's error for a SQL step, the exit status for a
// wrapped command.
struct MigrationFailure {
  std::string file;  // the step, empty for a wrapped command
  int line = 0;      // 1-based line of the failing statement in its file
  std::string sqlstate;
  std::string message;
  int position = 0;  // PostgreSQL's error position in the statement (1-based), 0: none
};

// The migration part of a checkpoint: the plan's SQL steps run by the daemon, or the
// job's own command wrapped by checkpointctl run.
struct MigrationRecord {
  std::string kind;  // "sql" | "command"
  TimePoint started_at;
  std::optional<TimePoint> finished_at;
  std::vector<StepRun> steps;        // sql
  std::vector<std::string> command;  // command: argv as run
  std::optional<int> exit_code;      // command
  std::string signal;                // command: the signal that ended it, e.g. "SIGTERM"
  std::string output;                // command: its captured output (bounded, the tail)
  std::optional<MigrationFailure> failure;
};

// An explicit approval of a migration's checkpoint by the plan's approver (the go/no-go
// of its contract step needs one).
struct Approval {
  std::string by;
  std::string note;
  TimePoint at;
};

struct Checkpoint {
  std::string id;
  BeginRequest request;
  CheckpointState state = CheckpointState::backing_up;
  std::string reason;   // refusal or failure reason code, e.g. "wal_archive_failing"
  std::string message;  // the human explanation of `reason`
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> committed_at;  // when the migration was declared good
  std::optional<BackupInfo> backup;
  std::optional<RecoveryPoint> recovery_point;
  std::string schema_fingerprint;
  std::optional<RestoreRecord> restore;
  std::optional<MigrationRecord> migration;            // the migration, once started
  std::optional<WatchRecord> watch;                    // the SLO watch, for a plan with an `slo` section
  std::vector<FlagChange> flag_changes;                // the plan's flag, changed by people and the ladder
  std::vector<Approval> approvals;                     // checkpointctl approve
  std::optional<DrillResult> drill_result;             // a drill's conclusion
  std::optional<RestorePrediction> predicted_restore;  // when ready (local engine)
  std::optional<ParkedCopy> parked_copy;               // a pre-warmed restore's copy
};

// One line of a checkpoint's timeline.
struct Event {
  std::string checkpoint_id;
  std::uint64_t seq = 0;
  TimePoint at;
  std::string type;  // e.g. "state", "backup.started", "restore.phase"
  std::string message;
};

// Names of objects derived from the checkpoint id, so retries find what exists.
std::string backup_object_name(std::string_view cluster, std::string_view checkpoint_id);
std::string restore_object_name(std::string_view cluster, std::string_view checkpoint_id, int attempt);
// A drill's scratch target: <cluster>-drill-<id>.
std::string drill_object_name(std::string_view cluster, std::string_view checkpoint_id);
// The target a restore of `checkpoint` creates: drill_object_name for a drill, else
// restore_object_name.
std::string restore_target_name(std::string_view cluster, const Checkpoint& checkpoint, int attempt);
std::string restore_point_name(std::string_view checkpoint_id);
// A pre-warmed restore's parked copy: <cluster>-parked-<id>.
std::string parked_copy_name(std::string_view cluster, std::string_view checkpoint_id);

}  // namespace ckpt
