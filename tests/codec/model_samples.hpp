// Sample model values for tests: every field set, at microsecond-precision times (the
// precision the JSON keeps).
#pragma once

#include <chrono>

#include "core/checkpoint.hpp"
#include "core/time_format.hpp"

namespace ckpt::testing {

inline TimePoint at(const char* rfc3339) {
  return *parse_rfc3339(rfc3339);
}

inline Checkpoint minimal_checkpoint(std::string id = "c0ffee01") {
  Checkpoint checkpoint;
  checkpoint.id = std::move(id);
  checkpoint.request.cluster = "orders";
  checkpoint.request.migration_id = "2026-11-21-add-index";
  checkpoint.request.purpose = "add index on orders.created_at";
  checkpoint.request.window = RollbackWindow{std::chrono::hours{24}, "alice", "bob"};
  checkpoint.created_at = at("2026-11-21T06:48:15.123456Z");
  checkpoint.updated_at = at("2026-11-21T06:48:15.123456Z");
  return checkpoint;
}

inline Checkpoint full_checkpoint() {
  Checkpoint checkpoint = minimal_checkpoint();
  checkpoint.request.phase = MigrationPhase::contract;
  checkpoint.request.window.duration = std::chrono::minutes{90};
  checkpoint.request.idempotency_key = "job-7781";
  checkpoint.state = CheckpointState::restore_failed;
  checkpoint.reason = "wal_archive_failing";
  checkpoint.message = "archiver failed for \"000000010000000100000086\"";
  checkpoint.updated_at = at("2026-11-21T07:02:00.000001Z");
  checkpoint.backup = BackupInfo{"20261121T064816",
                                 "/var/lib/ckpt/backups/20261121T064816",
                                 Lsn{0x100000028ULL},
                                 Lsn{0x16B374D848ULL},
                                 3,
                                 at("2026-11-21T06:48:16.500000Z"),
                                 at("2026-11-21T06:48:19.800000Z"),
                                 true,
                                 3'200'000'000,
                                 ""};
  checkpoint.predicted_restore =
      RestorePrediction{41.25, 3'200'000'000, 2'100'000'000, RestoreRates{180e6, 95.5e6, 2.75, 4}};
  checkpoint.recovery_point =
      RecoveryPoint{"2026-11-21 06:48:20.123456+00", Lsn{0x16B374D900ULL},      Lsn{0x16B374D9A8ULL}, 3,
                    "checkpointd-c0ffee01",          "000000030000001600000000"};
  checkpoint.schema_fingerprint = "sha256:9f86d081884c7d65";
  RestoreRecord restore;
  restore.attempt = 2;
  restore.trigger = "auto";
  restore.cutover = true;
  restore.target = "/var/lib/ckpt/restores/orders-pitr-c0ffee01-2";
  restore.port = 54329;
  restore.phases = {{"started", at("2026-11-21T07:00:00.000000Z")}, {"promoted", at("2026-11-21T07:00:04.912345Z")}};
  restore.duration_seconds = 4.912345;
  restore.restored_timeline = 4;
  restore.error = "verification failed: schema fingerprint differs";
  restore.cut_over = false;
  restore.path = "cold";
  checkpoint.restore = restore;
  checkpoint.parked_copy = ParkedCopy{"removed",
                                      "/var/lib/ckpt/restores/orders-parked-c0ffee01",
                                      54330,
                                      5'300'000'000,
                                      5'250'000'000,
                                      at("2026-11-21T06:49:02.500000Z"),
                                      "removed: no restore to checkpoint c0ffee01 can come any more"};
  checkpoint.committed_at = at("2026-11-21T06:59:00.250000Z");

  MigrationPlan plan;
  plan.migration_id = checkpoint.request.migration_id;
  plan.cluster = checkpoint.request.cluster;
  plan.phase = checkpoint.request.phase;
  plan.expand_migration_id = "2026_11_01_add_phone";
  plan.window = checkpoint.request.window;
  SqlStep step{"001_drop.sql", "ALTER TABLE users DROP COLUMN phone;\n", "9a1b", true, false, {}};
  step.statements.push_back(ClassifiedStatement{"ALTER TABLE users DROP COLUMN phone",
                                                1,
                                                1,
                                                "ALTER TABLE",
                                                false,
                                                {StatementClass::destructive, "drop_column", "drops data"}});
  plan.steps.push_back(step);
  plan.break_glass = BreakGlass{"carol", "incident 4711"};
  checkpoint.request.plan = plan;

  MigrationRecord migration;
  migration.kind = "sql";
  migration.started_at = at("2026-11-21T06:50:00.000000Z");
  migration.finished_at = at("2026-11-21T06:51:00.000000Z");
  StepRun run{"001_drop.sql", "9a1b", at("2026-11-21T06:50:00.100000Z"), std::nullopt, false, {}};
  run.statements.push_back(StatementRun{1, "ALTER TABLE", std::nullopt, 0.25, {"NOTICE:  column dropped"}});
  run.statements.push_back(StatementRun{3, "UPDATE", 42, 1.5, {}});
  migration.steps.push_back(run);
  migration.failure = MigrationFailure{"001_drop.sql", 3, "55P03", "canceling statement due to lock timeout", 8};
  checkpoint.migration = migration;
  return checkpoint;
}

// A checkpoint whose migration wrapped the job's own command.
inline Checkpoint command_checkpoint() {
  Checkpoint checkpoint = minimal_checkpoint();
  checkpoint.state = CheckpointState::watching;
  MigrationRecord migration;
  migration.kind = "command";
  migration.started_at = at("2026-11-21T06:50:00.000000Z");
  migration.command = {"flyway", "-url=x", "migrate"};
  migration.exit_code = 0;
  migration.output = "Successfully applied 2 migrations\n";
  checkpoint.migration = migration;
  return checkpoint;
}

}  // namespace ckpt::testing
