// Recorded checkpoints as the daemon keeps them, for the evidence package's tests: a plain
// expand migration that committed, one whose SLO watch turned the flag off and recovered,
// and one whose SQL failed and was restored, each with its timeline events.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/checkpoint.hpp"
#include "core/contract_gate.hpp"
#include "core/time_format.hpp"

namespace ckpt::testing {

inline TimePoint utc(const char* rfc3339) {
  return *parse_rfc3339(rfc3339);
}

inline Event event(std::uint64_t seq, const char* at, std::string type, std::string message) {
  return Event{"c1a2b3c4", seq, utc(at), std::move(type), std::move(message)};
}

inline MigrationPlan users_plan() {
  MigrationPlan plan;
  plan.migration_id = "2026_11_21_add_phone";
  plan.purpose = "add users.phone for the login v2 flow";
  plan.cluster = "app";
  plan.window = RollbackWindow{std::chrono::hours{24}, "alice", "bob"};
  SqlStep step{"001_add_phone.sql",
               "ALTER TABLE users ADD COLUMN phone text;\nUPDATE users SET phone = '' WHERE phone IS NULL;\n",
               "5d41402abc4b2a76b9719d911017c592ae1e5b8f0d1e7b1cc4ef1f1d2c6d8e3a",
               true,
               false,
               {}};
  step.statements.push_back(ClassifiedStatement{"ALTER TABLE users ADD COLUMN phone text",
                                                1,
                                                1,
                                                "ALTER TABLE",
                                                false,
                                                {StatementClass::additive, "add_column", "adds a nullable column"}});
  step.statements.push_back(ClassifiedStatement{
      "UPDATE users SET phone = '' WHERE phone IS NULL",
      2,
      1,
      "UPDATE",
      false,
      {StatementClass::additive, "update_with_where", "updates only the rows of users its WHERE selects"}});
  plan.steps.push_back(step);
  return plan;
}

// The part every sample shares: begin, backup, recovery point archived, ready.
inline Checkpoint ready_checkpoint() {
  Checkpoint checkpoint;
  checkpoint.id = "c1a2b3c4";
  checkpoint.request.cluster = "app";
  checkpoint.request.migration_id = "2026_11_21_add_phone";
  checkpoint.request.purpose = "add users.phone for the login v2 flow";
  checkpoint.request.window = RollbackWindow{std::chrono::hours{24}, "alice", "bob"};
  checkpoint.request.plan = users_plan();
  checkpoint.state = CheckpointState::committed;
  checkpoint.created_at = utc("2026-11-21T07:00:00.000000Z");
  checkpoint.updated_at = utc("2026-11-21T07:05:00.000000Z");
  checkpoint.backup = BackupInfo{"app-ckpt-c1a2b3c4",
                                 "/var/lib/checkpointd/backups/app-ckpt-c1a2b3c4",
                                 Lsn{0x2000028ULL},
                                 Lsn{0x2000100ULL},
                                 1,
                                 utc("2026-11-21T07:00:00.500000Z"),
                                 utc("2026-11-21T07:00:02.250000Z"),
                                 false,
                                 0,
                                 ""};
  checkpoint.recovery_point =
      RecoveryPoint{"2026-11-21 07:00:03.123456+00", Lsn{0x3000060ULL},         Lsn{0x3000148ULL}, 1,
                    "checkpointd-c1a2b3c4",          "000000010000000000000003"};
  checkpoint.schema_fingerprint = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  return checkpoint;
}

inline std::vector<Event> ready_events() {
  return {
      event(1, "2026-11-21T07:00:00.000000Z", "state", "checkpoint created"),
      event(2, "2026-11-21T07:00:02.300000Z", "backup.completed",
            "base backup completed: app-ckpt-c1a2b3c4 (0/2000028 .. 0/2000100)"),
      event(3, "2026-11-21T07:00:04.000000Z", "state",
            "backing_up -> ready: recovery point 0/3000148 on timeline 1 ('checkpointd-c1a2b3c4', server time "
            "2026-11-21 07:00:03.123456+00), segment 000000010000000000000003 archived"),
  };
}

inline MigrationRecord sql_run(bool failing) {
  MigrationRecord record;
  record.kind = "sql";
  record.started_at = utc("2026-11-21T07:01:00.000000Z");
  StepRun step{"001_add_phone.sql",
               users_plan().steps[0].sha256,
               utc("2026-11-21T07:01:00.010000Z"),
               std::nullopt,
               !failing,
               {}};
  step.statements.push_back(StatementRun{1, "ALTER TABLE", std::nullopt, 0.012, {}});
  if (failing) {
    record.failure = MigrationFailure{"001_add_phone.sql", 2, "23502", "null value in column \"phone\"", 8};
  } else {
    step.statements.push_back(StatementRun{2, "UPDATE", 1200, 0.85, {"NOTICE:  1200 rows updated"}});
    step.finished_at = utc("2026-11-21T07:01:01.000000Z");
    record.finished_at = step.finished_at;
  }
  record.steps.push_back(step);
  return record;
}

// An expand migration run by the daemon, committed, approved: no watch, no restore.
inline Checkpoint plain_checkpoint() {
  Checkpoint checkpoint = ready_checkpoint();
  checkpoint.migration = sql_run(false);
  checkpoint.committed_at = utc("2026-11-21T07:01:01.500000Z");
  checkpoint.approvals.push_back(Approval{"bob", "reviewed the expand output", utc("2026-11-22T08:00:00.000000Z")});
  return checkpoint;
}

inline std::vector<Event> plain_events() {
  auto events = ready_events();
  events.push_back(event(4, "2026-11-21T07:01:00.000000Z", "state", "ready -> migrating: running the plan's SQL"));
  events.push_back(event(5, "2026-11-21T07:01:01.500000Z", "state", "migrating -> committed: migration succeeded"));
  return events;
}

inline Measurement measured(const char* phase_started, const char* finished, AnalysisPhase phase, std::string value) {
  return Measurement{phase, utc(phase_started), utc(finished), std::move(value), ""};
}

// Watched with an error-rate metric: the rate rose, the ladder turned the flag off, the
// recheck met the SLO again 32.5 s after the first failing measurement.
inline Checkpoint flagged_off_checkpoint() {
  Checkpoint checkpoint = plain_checkpoint();
  checkpoint.approvals.clear();
  checkpoint.state = CheckpointState::watching;
  checkpoint.committed_at.reset();
  MigrationPlan& plan = *checkpoint.request.plan;
  SloSpec slo;
  slo.window = std::chrono::minutes{30};
  SloMetric metric;
  metric.analysis.name = "error-rate";
  metric.analysis.interval = std::chrono::seconds{30};
  metric.analysis.success_condition = "result[0] < 0.05";
  metric.provider = PrometheusQuery{"", "sum(rate(http_errors_total[1m]))", std::nullopt, std::chrono::seconds{15}};
  slo.metrics.push_back(metric);
  plan.slo = slo;
  plan.flag = FlagSpec{"FEATURE_LOGIN_V2", {"develop"}};

  WatchRecord watch;
  watch.stage = WatchStage::recovered;
  watch.stage_reason = "the flag off brought the SLOs back";
  watch.run.kind = "watch";
  watch.run.started_at = utc("2026-11-21T07:01:00.000000Z");
  watch.run.metrics.resize(1);
  watch.run.metrics[0].measurements = {
      measured("2026-11-21T07:01:00.000000Z", "2026-11-21T07:01:00.200000Z", AnalysisPhase::successful, "[0.01]"),
      measured("2026-11-21T07:01:30.200000Z", "2026-11-21T07:01:30.400000Z", AnalysisPhase::failed, "[0.31]"),
  };
  watch.run.phase = AnalysisPhase::failed;
  watch.run.message = "Metric \"error-rate\" assessed Failed due to failed (1) > failureLimit (0)";
  watch.run.finished_at = utc("2026-11-21T07:01:30.400000Z");
  AnalysisRunRecord recheck;
  recheck.kind = "recheck";
  recheck.started_at = utc("2026-11-21T07:01:32.000000Z");
  recheck.metrics.resize(1);
  recheck.metrics[0].measurements = {
      measured("2026-11-21T07:01:32.000000Z", "2026-11-21T07:01:32.100000Z", AnalysisPhase::successful, "[0.02]"),
      measured("2026-11-21T07:02:02.100000Z", "2026-11-21T07:02:02.900000Z", AnalysisPhase::successful, "[0.01]"),
  };
  recheck.phase = AnalysisPhase::successful;
  recheck.message = "Metric \"error-rate\" assessed Successful";
  recheck.finished_at = utc("2026-11-21T07:02:02.900000Z");
  watch.recheck = recheck;
  watch.rungs.push_back(RungRecord{"flag_off", "the SLO failed in an expand migration: the flag goes off first",
                                   utc("2026-11-21T07:01:30.500000Z"), utc("2026-11-21T07:01:31.000000Z"), ""});
  watch.first_failure_at = utc("2026-11-21T07:01:30.400000Z");
  watch.recovered_at = utc("2026-11-21T07:02:02.900000Z");
  checkpoint.watch = watch;

  checkpoint.flag_changes.push_back(
      FlagChange{"develop", true, "carol", "rollout", utc("2026-11-21T07:01:10.000000Z"), "", {}});
  FlagChange off{
      "develop", false, "checkpointd (rollback ladder)", "error-rate failed", utc("2026-11-21T07:01:30.900000Z"),
      "",        {}};
  off.checks.push_back(CheckResult{"error-rate", measured("2026-11-21T07:01:31.000000Z", "2026-11-21T07:01:31.200000Z",
                                                          AnalysisPhase::successful, "[0.04]")});
  checkpoint.flag_changes.push_back(off);
  return checkpoint;
}

// The SQL failed; the checkpoint failed and the cluster restored it automatically.
inline Checkpoint restored_checkpoint() {
  Checkpoint checkpoint = ready_checkpoint();
  checkpoint.state = CheckpointState::restored;
  checkpoint.reason = "migration_failed";
  checkpoint.message = "001_add_phone.sql:2: null value in column \"phone\"";
  checkpoint.migration = sql_run(true);
  RestoreRecord restore;
  restore.trigger = "auto";
  restore.target = "/var/lib/checkpointd/restores/app-pitr-c1a2b3c4";
  restore.port = 54329;
  restore.phases = {
      {"started", utc("2026-11-21T07:01:02.000000Z")},          {"base_copied", utc("2026-11-21T07:01:02.850000Z")},
      {"recovery_started", utc("2026-11-21T07:01:03.000000Z")}, {"promoted", utc("2026-11-21T07:01:05.500000Z")},
      {"verified", utc("2026-11-21T07:01:06.912345Z")},
  };
  restore.duration_seconds = 4.912345;
  restore.restored_timeline = 2;
  checkpoint.restore = restore;
  return checkpoint;
}

inline std::vector<Event> restored_events() {
  auto events = ready_events();
  events.push_back(event(4, "2026-11-21T07:01:00.000000Z", "state", "ready -> migrating: running the plan's SQL"));
  events.push_back(event(5, "2026-11-21T07:01:01.900000Z", "state",
                         "migrating -> failed: 001_add_phone.sql:2: null value in column \"phone\""));
  events.push_back(event(6, "2026-11-21T07:01:02.000000Z", "state", "failed -> restoring: auto restore"));
  events.push_back(event(7, "2026-11-21T07:01:02.850000Z", "restore.progress",
                         "copied the base backup into the target: 1021 files, 38.2 MiB in 0.84 s with 4 workers"));
  events.push_back(event(8, "2026-11-21T07:01:06.912345Z", "state", "restoring -> restored: restore verified"));
  return events;
}

// A no-go: the expand checkpoint committed, its window not yet over.
inline GateVerdict no_go_verdict() {
  return GateVerdict{false,
                     {{"expand_committed", true, "checkpoint c1a2b3c4 committed at 2026-11-21T07:01:01.500000Z"},
                      {"window_elapsed", false, "the rollback window (24h) ends at 2026-11-22T07:01:01.500000Z"},
                      {"approval_recorded", true, "approved by bob at 2026-11-22T08:00:00.000000Z"}}};
}

}  // namespace ckpt::testing
