// The recovery target: exact LSN (exclusive), restore-point name or server-clock time in
// the one timestamp form CNPG passes through unchanged, each pinned to the checkpoint's
// timeline and (unless forbidden) its base backup.
#include "cnpg/recovery_target.hpp"

#include <gtest/gtest.h>

#include "cnpg_fixtures.hpp"

namespace ckpt::cnpg {
namespace {

using boost::json::object;

config::CnpgCluster target_config(const char* recovery_target) {
  auto cnpg = testing::plugin_config();
  cnpg.recovery_target = recovery_target;
  return cnpg;
}

object render(const config::CnpgCluster& cnpg, const Checkpoint& checkpoint, BackupPin pin = BackupPin::pinned) {
  auto target = render_recovery_target(cnpg, checkpoint, pin);
  EXPECT_TRUE(target.ok()) << target.error().message;
  return target.ok() ? target.value() : object{};
}

TEST(TargetTime, AcceptsOnlyMicrosecondsWithAnExplicitUtcOffset) {
  EXPECT_TRUE(is_postgres_utc_timestamp("2026-01-15 10:30:12.345678+00"));
  EXPECT_TRUE(is_postgres_utc_timestamp("2024-02-29 23:59:59.999999+00"));
  EXPECT_TRUE(is_postgres_utc_timestamp("2026-01-15 00:00:00.000000+00"));
}

TEST(TargetTime, RejectsEveryOtherShape) {
  for (const auto* text : {
           "2026-01-15T10:30:12.345678Z",       // RFC 3339: CNPG converts it, issues #10819/#9333
           "2026-01-15 10:30:12Z",              // 'Z' in PostgreSQL form
           "2026-01-15 10:30:12.345678",        // no offset: read in the server's timezone
           "2026-01-15 10:30:12.345678+00:00",  // accepted by CNPG, but not the recorded form
           "2026-01-15 10:30:12.345678 +00",    // space before the offset: invalid for CNPG
           "2026-01-15 10:30:12.345678+02",     // not UTC
           "2026-01-15 10:30:12.34567+00",      // five fractional digits
           "2026-01-15 10:30:12+00",            // no fraction
           "2026-13-15 10:30:12.345678+00",     // month 13
           "2026-02-30 10:30:12.345678+00",     // February 30
           "2025-02-29 10:30:12.345678+00",     // not a leap year
           "2026-01-15 24:00:00.000000+00",     // hour 24
           "2026-01-15 10:60:12.345678+00",     // minute 60
           "2026-01-15 10:30:60.000000+00",     // leap second
           "2026-0a-15 10:30:12.345678+00",     // not a digit
           "",
       }) {
    EXPECT_FALSE(is_postgres_utc_timestamp(text)) << "'" << text << "'";
  }
}

TEST(RecoveryTarget, LsnTargetIsExclusiveOnTheCheckpointsTimelineAndBackup) {
  const auto cnpg = target_config("lsn");
  EXPECT_EQ(render(cnpg, testing::ready_checkpoint(cnpg)), (object{{"backupID", "20260115T103001"},
                                                                  {"targetLSN", "3A/7F0012C8"},
                                                                  {"targetTLI", "1"},
                                                                  {"exclusive", true}}));
}

TEST(RecoveryTarget, NameTargetUsesTheRecordedRestorePoint) {
  const auto cnpg = target_config("name");
  EXPECT_EQ(render(cnpg, testing::ready_checkpoint(cnpg)), (object{{"backupID", "20260115T103001"},
                                                                  {"targetName", "checkpointd-a1b2c3d4"},
                                                                  {"targetTLI", "1"}}));
}

TEST(RecoveryTarget, TimeTargetUsesTheServerClockVerbatim) {
  const auto cnpg = target_config("time");
  EXPECT_EQ(render(cnpg, testing::ready_checkpoint(cnpg)), (object{{"backupID", "20260115T103001"},
                                                                  {"targetTime", "2026-01-15 10:30:12.345678+00"},
                                                                  {"targetTLI", "1"}}));
}

TEST(RecoveryTarget, ForbiddenPinLeavesOutTheBackupId) {
  const auto cnpg = target_config("lsn");
  EXPECT_FALSE(render(cnpg, testing::ready_checkpoint(cnpg), BackupPin::forbidden).contains("backupID"));
}

TEST(RecoveryTarget, UnknownTimelineIsNotPinned) {
  const auto cnpg = target_config("lsn");
  auto checkpoint = testing::ready_checkpoint(cnpg);
  checkpoint.recovery_point->timeline = 0;
  EXPECT_FALSE(render(cnpg, checkpoint).contains("targetTLI"));
}

TEST(RecoveryTarget, RefusesAMalformedServerTime) {
  const auto cnpg = target_config("time");
  auto checkpoint = testing::ready_checkpoint(cnpg);
  checkpoint.recovery_point->server_time = "2026-01-15T10:30:12Z";
  const auto target = render_recovery_target(cnpg, checkpoint, BackupPin::pinned);
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.error().message,
            "checkpoint a1b2c3d4: recorded server time '2026-01-15T10:30:12Z' is not in the form YYYY-MM-DD "
            "HH:MM:SS.ffffff+00; restore with recovery_target lsn");
}

TEST(RecoveryTarget, RefusesAnUnknownTargetKind) {
  const auto cnpg = target_config("xid");
  const auto target = render_recovery_target(cnpg, testing::ready_checkpoint(cnpg), BackupPin::pinned);
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.error().message,
            "cnpg.recovery_target of cluster orders-db is 'xid'; it must be one of: lsn, name, time");
}

TEST(RecoveryTarget, RefusesWhatTheCheckpointNeverRecorded) {
  const auto cnpg = target_config("name");
  auto checkpoint = testing::ready_checkpoint(cnpg);
  checkpoint.recovery_point->restore_point.clear();
  auto target = render_recovery_target(cnpg, checkpoint, BackupPin::pinned);
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.error().message,
            "checkpoint a1b2c3d4 has no restore point name: it never became ready, so there is nothing to restore to");

  checkpoint = testing::ready_checkpoint(cnpg);
  checkpoint.backup.reset();
  target = render_recovery_target(cnpg, checkpoint, BackupPin::pinned);
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.error().code, ErrorCode::conflict);
  EXPECT_EQ(target.error().message,
            "checkpoint a1b2c3d4 has no base backup id: it never became ready, so there is nothing to restore to");
  EXPECT_TRUE(render_recovery_target(cnpg, checkpoint, BackupPin::forbidden).ok());
}

}  // namespace
}  // namespace ckpt::cnpg
