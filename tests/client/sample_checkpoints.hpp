// Checkpoints as the daemon reports them at different points of their life (migrations
// included), and a fake wait clock, shared by the client tests.
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cli/waiting.hpp"
#include "core/checkpoint.hpp"
#include "core/time_format.hpp"

namespace ckpt::cli::testing {

inline TimePoint at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

// Created, backup running.
inline Checkpoint backing_up_checkpoint() {
  Checkpoint checkpoint;
  checkpoint.id = "ck-7f3a";
  checkpoint.request.cluster = "main";
  checkpoint.request.migration_id = "m-42";
  checkpoint.request.purpose = "add orders.note";
  checkpoint.request.phase = MigrationPhase::expand;
  checkpoint.request.window = RollbackWindow{std::chrono::hours{24}, "alice", "bob"};
  checkpoint.state = CheckpointState::backing_up;
  checkpoint.created_at = at("2026-11-21T06:48:15.123456Z");
  checkpoint.updated_at = checkpoint.created_at;
  return checkpoint;
}

// Backup done, recovery point archived.
inline Checkpoint ready_checkpoint() {
  Checkpoint checkpoint = backing_up_checkpoint();
  checkpoint.state = CheckpointState::ready;
  checkpoint.updated_at = at("2026-11-21T06:48:19.500000Z");
  checkpoint.backup = BackupInfo{.backup_id = "20261121T064815",
                                 .name = "/var/lib/checkpointd/backups/20261121T064815",
                                 .begin_lsn = Lsn{0x2000028},
                                 .end_lsn = Lsn{0x2000100},
                                 .timeline = 1,
                                 .started_at = at("2026-11-21T06:48:15.200000Z"),
                                 .stopped_at = at("2026-11-21T06:48:18.500000Z"),
                                 .reused = false,
                                 .size_bytes = 825'000'000,
                                 .reuse_declined = ""};
  checkpoint.recovery_point = RecoveryPoint{.server_time = "2026-11-21 06:48:18.600001+00",
                                            .current_lsn = Lsn{0x3000000},
                                            .target_lsn = Lsn{0x3000148},
                                            .timeline = 1,
                                            .restore_point = "checkpointd-ck-7f3a",
                                            .wal_file = "000000010000000000000003"};
  checkpoint.schema_fingerprint = "sha256:5be0c1";
  return checkpoint;
}

inline Checkpoint refused_checkpoint() {
  Checkpoint checkpoint = backing_up_checkpoint();
  checkpoint.state = CheckpointState::refused;
  checkpoint.reason = "wal_archive_failing";
  checkpoint.message = "WAL segment 000000010000000000000003 was not archived within 60s; fix archive_command";
  return checkpoint;
}

inline RestorePhaseMark mark(const char* phase, const char* when) { return RestorePhaseMark{phase, at(when)}; }

// Failed migration, restore under way with the first `phases` phase marks.
inline Checkpoint restoring_checkpoint(std::size_t phases) {
  Checkpoint checkpoint = ready_checkpoint();
  checkpoint.state = CheckpointState::restoring;
  checkpoint.reason = "migration_failed";
  checkpoint.message = "smoke test red";
  RestoreRecord restore;
  restore.attempt = 1;
  restore.trigger = "manual";
  restore.target = "/var/lib/checkpointd/restores/main-pitr-ck-7f3a";
  restore.port = 5433;
  const std::vector<RestorePhaseMark> all{
      mark("started", "2026-11-21T07:00:00.000000Z"), mark("base_copied", "2026-11-21T07:00:00.741000Z"),
      mark("recovery_started", "2026-11-21T07:00:01.320000Z"), mark("promoted", "2026-11-21T07:00:04.260000Z"),
      mark("verified", "2026-11-21T07:00:04.912000Z")};
  restore.phases.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(phases, all.size())));
  checkpoint.restore = restore;
  return checkpoint;
}

inline Checkpoint restored_checkpoint() {
  Checkpoint checkpoint = restoring_checkpoint(5);
  checkpoint.state = CheckpointState::restored;
  checkpoint.restore->duration_seconds = 4.912;
  checkpoint.restore->restored_timeline = 2;
  return checkpoint;
}

inline Checkpoint restore_failed_checkpoint() {
  Checkpoint checkpoint = restoring_checkpoint(3);
  checkpoint.state = CheckpointState::restore_failed;
  checkpoint.restore->error = "recovery stopped before the target: WAL 000000010000000000000003 missing";
  return checkpoint;
}

// The migration started: the daemon runs the plan's SQL (kind "sql") or checkpointctl
// wraps a command (kind "command"); nothing recorded yet.
inline Checkpoint migrating_checkpoint(const char* kind) {
  Checkpoint checkpoint = ready_checkpoint();
  checkpoint.state = CheckpointState::migrating;
  checkpoint.updated_at = at("2026-11-21T06:48:20.000000Z");
  MigrationRecord migration;
  migration.kind = kind;
  migration.started_at = at("2026-11-21T06:48:20.000000Z");
  checkpoint.migration = migration;
  return checkpoint;
}

inline StepRun step_run(const char* file, bool applied, std::vector<StatementRun> statements) {
  StepRun step;
  step.file = file;
  step.sha256 = "5be0c1";
  step.started_at = at("2026-11-21T06:48:20.100000Z");
  if (applied) step.finished_at = at("2026-11-21T06:48:20.334000Z");
  step.applied = applied;
  step.statements = std::move(statements);
  return step;
}

// The daemon ran the first `steps` of 001_add_phone.sql and 002_phone_index.sql.
inline Checkpoint sql_migrating_checkpoint(std::size_t steps) {
  Checkpoint checkpoint = migrating_checkpoint("sql");
  const std::vector<StepRun> all{
      step_run("001_add_phone.sql", true, {StatementRun{2, "ALTER TABLE", std::nullopt, 0.012, {}}}),
      step_run("002_phone_index.sql", true,
               {StatementRun{2, "CREATE INDEX", std::nullopt, 0.210, {"index built concurrently"}}})};
  checkpoint.migration->steps.assign(all.begin(),
                                     all.begin() + static_cast<std::ptrdiff_t>(std::min(steps, all.size())));
  return checkpoint;
}

// Both steps applied, committed automatically.
inline Checkpoint sql_committed_checkpoint() {
  Checkpoint checkpoint = sql_migrating_checkpoint(2);
  checkpoint.state = CheckpointState::committed;
  checkpoint.migration->finished_at = at("2026-11-21T06:48:20.400000Z");
  return checkpoint;
}

// The second step hit the lock timeout.
inline Checkpoint sql_failed_checkpoint() {
  Checkpoint checkpoint = sql_migrating_checkpoint(1);
  checkpoint.state = CheckpointState::failed;
  checkpoint.reason = "migration_failed";
  checkpoint.message = "002_phone_index.sql failed";
  checkpoint.migration->steps.push_back(step_run("002_phone_index.sql", false, {}));
  checkpoint.migration->finished_at = at("2026-11-21T06:48:25.400000Z");
  checkpoint.migration->failure =
      MigrationFailure{"002_phone_index.sql", 2, "55P03", "canceling statement due to lock timeout", 0};
  return checkpoint;
}

// A wrapped command ended with `exit_code`; the daemon decided `state`.
inline Checkpoint command_ended_checkpoint(int exit_code, CheckpointState state, const char* output) {
  Checkpoint checkpoint = migrating_checkpoint("command");
  checkpoint.state = state;
  checkpoint.migration->command = {"./migrate", "up"};
  checkpoint.migration->exit_code = exit_code;
  checkpoint.migration->output = output;
  checkpoint.migration->finished_at = at("2026-11-21T06:48:30.000000Z");
  if (state == CheckpointState::failed) checkpoint.reason = "migration_failed";
  return checkpoint;
}

// A steady clock that only moves when slept on; records the sleeps.
class FakeWaitClock {
 public:
  WaitClock clock() {
    return WaitClock{[this] { return now_; },
                     [this](Millis duration) {
                       sleeps_.push_back(duration);
                       now_ += duration;
                     }};
  }
  const std::vector<Millis>& sleeps() const { return sleeps_; }
  Millis elapsed() const { return std::chrono::duration_cast<Millis>(now_ - std::chrono::steady_clock::time_point{}); }

 private:
  std::chrono::steady_clock::time_point now_{};
  std::vector<Millis> sleeps_;
};

}  // namespace ckpt::cli::testing
