// The Backup judge: terminal phases decide at once, pending and walArchivingFailing
// decide only after their phase deadlines, and each phase's clock starts when the phase
// is first seen.
#include "engine/cnpg/backup_progress.hpp"

#include <gtest/gtest.h>

namespace ckpt::engine::cnpg {
namespace {

using namespace std::chrono_literals;
using ckpt::cnpg::BackupProgress;
using ckpt::cnpg::BackupStatus;
using Clock = BackupProgressJudge::Clock;

const Clock::time_point kStart{std::chrono::hours(1)};

BackupStatus in_phase(BackupProgress progress, std::string phase, std::string error = {}) {
  BackupStatus status;
  status.namespace_name = "develop";
  status.object_name = "orders-db-ckpt-c1";
  status.progress = progress;
  status.phase = std::move(phase);
  status.error = std::move(error);
  return status;
}

config::BackupPhaseDeadlines deadlines() {
  return {Millis{10 * 60'000}, Millis{2 * 60'000}};
}

TEST(BackupProgressJudge, ACompletedBackupGivesItsBackupInfo) {
  BackupProgressJudge judge{deadlines()};
  auto status = in_phase(BackupProgress::completed, "completed");
  status.backup_id = "20260115T103001";
  status.begin_lsn = parse_lsn("0/2000028");
  status.end_lsn = parse_lsn("0/2000100");
  status.begin_wal = "000000010000000000000002";
  status.started_at = TimePoint{std::chrono::seconds(100)};
  status.stopped_at = TimePoint{std::chrono::seconds(102)};
  const auto decided = judge.observe(status, kStart);
  ASSERT_TRUE(decided);
  ASSERT_TRUE(*decided) << decided->error().message;
  EXPECT_EQ((*decided)->backup_id, "20260115T103001");
  EXPECT_EQ((*decided)->name, "orders-db-ckpt-c1");
  EXPECT_EQ((*decided)->end_lsn, *parse_lsn("0/2000100"));
  EXPECT_EQ((*decided)->timeline, 1U);
}

TEST(BackupProgressJudge, ACompletedBackupWithoutItsFieldsIsAnEngineError) {
  BackupProgressJudge judge{deadlines()};
  const auto decided = judge.observe(in_phase(BackupProgress::completed, "completed"), kStart);
  ASSERT_TRUE(decided);
  ASSERT_FALSE(*decided);
  EXPECT_EQ(decided->error().code, ErrorCode::engine_error);
  EXPECT_EQ(decided->error().message,
            "Backup develop/orders-db-ckpt-c1 is completed but has no status.backupId: the restore cannot pin its "
            "base backup");
}

TEST(BackupProgressJudge, FailedAndInvalidBackupsFailWithCnpgsError) {
  BackupProgressJudge judge{deadlines()};
  const auto failed = judge.observe(in_phase(BackupProgress::failed, "failed", "barman-cloud-backup exited 1"), kStart);
  ASSERT_TRUE(failed);
  ASSERT_FALSE(*failed);
  EXPECT_EQ(failed->error().code, ErrorCode::failed);
  EXPECT_EQ(failed->error().reason, "backup_failed");
  EXPECT_EQ(failed->error().message, "Backup develop/orders-db-ckpt-c1 failed: barman-cloud-backup exited 1");

  BackupProgressJudge other{deadlines()};
  const auto invalid = other.observe(in_phase(BackupProgress::invalid, "invalid backup definition"), kStart);
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->error().message,
            "Backup develop/orders-db-ckpt-c1 was rejected by CNPG as an invalid backup definition: CNPG gave no "
            "error message");
}

TEST(BackupProgressJudge, PendingDecidesOnlyAfterItsDeadline) {
  BackupProgressJudge judge{deadlines()};
  EXPECT_FALSE(judge.observe(in_phase(BackupProgress::pending, ""), kStart));
  EXPECT_EQ(judge.recheck_at(), kStart + 10min + 1ms);
  EXPECT_FALSE(judge.observe(in_phase(BackupProgress::pending, "pending"), kStart + 9min));
  EXPECT_FALSE(judge.recheck(kStart + 10min));
  const auto stuck = judge.recheck(kStart + 10min + 1ms);
  ASSERT_TRUE(stuck);
  ASSERT_FALSE(*stuck);
  EXPECT_EQ(stuck->error().code, ErrorCode::deadline_exceeded);
  EXPECT_EQ(stuck->error().reason, "backup_failed");
  EXPECT_EQ(stuck->error().message,
            "Backup develop/orders-db-ckpt-c1 stayed pending for more than 10m (cnpg.backup_phase_deadlines.pending); "
            "CNPG runs one backup per cluster at a time and waits for the target pod to be ready: check for other "
            "running Backups or ScheduledBackups of the cluster and the primary's pod");
}

TEST(BackupProgressJudge, WalArchivingFailingIsRefusedWithCnpgsMessageAfterItsDeadline) {
  BackupProgressJudge judge{deadlines()};
  EXPECT_FALSE(judge.observe(in_phase(BackupProgress::running, "running"), kStart));
  EXPECT_EQ(judge.recheck_at(), Clock::time_point::max());
  const auto failing = in_phase(BackupProgress::wal_archiving_failing, "walArchivingFailing",
                                "unexpected failure invoking barman-cloud-wal-archive: exit status 4");
  EXPECT_FALSE(judge.observe(failing, kStart + 1h));
  EXPECT_FALSE(judge.recheck(kStart + 1h + 2min));
  const auto refused = judge.recheck(kStart + 1h + 2min + 1ms);
  ASSERT_TRUE(refused);
  ASSERT_FALSE(*refused);
  EXPECT_EQ(refused->error().code, ErrorCode::refused);
  EXPECT_EQ(refused->error().reason, "wal_archive_failing");
  EXPECT_EQ(refused->error().message,
            "Backup develop/orders-db-ckpt-c1 stayed in phase walArchivingFailing for more than 2m "
            "(cnpg.backup_phase_deadlines.wal_archiving_failing): CNPG's WAL archiving check fails: unexpected "
            "failure invoking barman-cloud-wal-archive: exit status 4; fix WAL archiving (the Cluster's "
            "ContinuousArchiving condition, the object store and its credentials) and begin again");
}

TEST(BackupProgressJudge, APhaseClockStartsWhenThePhaseIsFirstSeen) {
  BackupProgressJudge judge{deadlines()};
  EXPECT_FALSE(judge.observe(in_phase(BackupProgress::pending, "pending"), kStart));
  EXPECT_FALSE(judge.observe(in_phase(BackupProgress::started, "started"), kStart + 9min));
  EXPECT_FALSE(judge.observe(in_phase(BackupProgress::pending, "pending"), kStart + 15min));
  EXPECT_FALSE(judge.recheck(kStart + 24min));
  EXPECT_TRUE(judge.recheck(kStart + 26min));
  ASSERT_NE(judge.last(), nullptr);
  EXPECT_EQ(judge.last()->phase, "pending");
}

}  // namespace
}  // namespace ckpt::engine::cnpg
