// The operator emulation's fault switches and the scripted restore.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "cnpgemu/emulator_fixture.hpp"

namespace ckpt::cnpgemu::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST_F(EmulatorTest, WalArchivingFailingSticksUntilClearedThenANewBackupRuns) {
  emulator->faults().set_backup_fault(kSource, BackupFault::wal_archiving_failing);
  create(backup_manifest("orders-ckpt-1"));
  wait_for_phase(kBackups, "orders-ckpt-1", "walArchivingFailing");
  std::this_thread::sleep_for(300ms);  // several polls of the emulation

  const auto stuck = get(kBackups, "orders-ckpt-1");
  EXPECT_EQ(text_at(stuck, "status", "phase"), "walArchivingFailing");
  EXPECT_THAT(text_at(stuck, "status", "error"), StartsWith("WAL archiving is not working for cluster orders"));
  EXPECT_EQ(emulator->base_backups_started(kNamespace, "orders-ckpt-1"), 0u);

  // The stuck Backup goes away (its job ends at its next write); a new one runs normally.
  ASSERT_TRUE(server->store().remove({kBackups, kNamespace, "orders-ckpt-1"}));
  emulator->faults().set_backup_fault(kSource, BackupFault::none);
  const auto fresh = completed_backup("orders-ckpt-2");
  EXPECT_FALSE(text_at(fresh, "status", "backupId").empty());
  EXPECT_EQ(emulator->base_backups_started(kNamespace, "orders-ckpt-2"), 1u);
}

TEST_F(EmulatorTest, FailingBackupsFailWithoutRunningPgBasebackup) {
  emulator->faults().set_backup_fault(kSource, BackupFault::fail);
  create(backup_manifest("orders-ckpt-1"));
  const auto backup = wait_for_phase(kBackups, "orders-ckpt-1", "failed");

  EXPECT_THAT(text_at(backup, "status", "error"), HasSubstr("injected fault"));
  EXPECT_EQ(emulator->base_backups_started(kNamespace, "orders-ckpt-1"), 0u);
}

TEST_F(EmulatorWithoutSourceTest, FailingRecoveriesAreUnrecoverableWithoutRunningPostgres) {
  emulator->faults().set_recovery_fault(RecoveryFault::fail);
  create(recovery_cluster_manifest("orders-pitr-1", {{"targetLSN", "0/5000000"}}, "orders-pitr-1"));
  const auto cluster = wait_for_phase(kClusters, "orders-pitr-1", kUnrecoverable);

  EXPECT_THAT(text_at(cluster, "status", "phaseReason"),
              StartsWith("Instance creation failed for the following jobs: orders-pitr-1-1-full-recovery."));
  EXPECT_THAT(text_at(cluster, "status", "phaseReason"), HasSubstr("injected fault"));
  EXPECT_FALSE(fs::exists(work_directory() / "clusters" / kNamespace / "orders-pitr-1"));
  EXPECT_EQ(emulator->recoveries_started(kNamespace, "orders-pitr-1"), 1u);
}

TEST_F(EmulatorWithoutSourceTest, StuckRecoveriesStaySettingUpPrimary) {
  emulator->faults().set_recovery_fault(RecoveryFault::stick, "orders-pitr-1");
  create(recovery_cluster_manifest("orders-pitr-1", {{"targetLSN", "0/5000000"}}, "orders-pitr-1"));
  wait_for_phase(kClusters, "orders-pitr-1", kSettingUp);
  std::this_thread::sleep_for(300ms);

  const auto cluster = get(kClusters, "orders-pitr-1");
  EXPECT_EQ(text_at(cluster, "status", "phase"), kSettingUp);
  EXPECT_EQ(text_at(cluster, "status", "phaseReason"), "Creating primary instance orders-pitr-1-1");
  EXPECT_EQ(condition_of(cluster, "Ready")["status"], "False");
  EXPECT_EQ(condition_of(cluster, "Initialized")["reason"], "BootstrapPending");
}

TEST_F(EmulatorTest, AScriptedRestoreTurnsReadyAfterItsDelayAtARecordedMoment) {
  emulator->faults().set_scripted_restore(ScriptedRestore{400ms, source->socket_directory(), 2});
  const auto created_at = std::chrono::steady_clock::now();
  create(recovery_cluster_manifest("orders-pitr-1", {{"targetLSN", "0/5000000"}}, "orders-pitr-1"));
  const auto cluster = wait_for_phase(kClusters, "orders-pitr-1", kHealthy);
  const auto seen_at = std::chrono::steady_clock::now();

  const auto ready = emulator->ready_time(kNamespace, "orders-pitr-1");
  ASSERT_TRUE(ready.has_value());
  EXPECT_GE(ready->steady - created_at, 400ms);
  EXPECT_LE(ready->steady, seen_at);
  EXPECT_EQ(condition_of(cluster, "Ready")["status"], "True");
  EXPECT_EQ(condition_of(cluster, "Initialized")["status"], "True");
  EXPECT_EQ(cluster.at("status").as_object().at("timelineID"), 2);
  const auto service = emulator->service_directory(kNamespace, "orders-pitr-1");
  EXPECT_EQ(fs::read_symlink(service), source->socket_directory());
  EXPECT_EQ(source->query_value_at(service, source->port(), "SELECT 1"), "1");
  EXPECT_EQ(emulator->recoveries_started(kNamespace, "orders-pitr-1"), 1u);
}

}  // namespace
}  // namespace ckpt::cnpgemu::testing
