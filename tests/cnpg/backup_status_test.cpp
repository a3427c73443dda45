// A Backup's status in every phase CNPG reports, the strict reading of its fields, and
// what a completed Backup must carry before it can be a checkpoint's base backup.
#include "cnpg/backup_status.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/time_format.hpp"

namespace ckpt::cnpg {
namespace {

boost::json::object backup_with_status(const std::string& status_json) {
  auto backup = boost::json::parse(R"({"apiVersion": "postgresql.cnpg.io/v1", "kind": "Backup",
      "metadata": {"name": "orders-db-ckpt-a1b2c3d4", "namespace": "payments"},
      "spec": {"cluster": {"name": "orders-db"}, "method": "plugin", "target": "primary",
               "pluginConfiguration": {"name": "barman-cloud.cloudnative-pg.io"}}})")
                    .as_object();
  if (!status_json.empty()) backup["status"] = boost::json::parse(status_json);
  return backup;
}

// A plugin Backup as CNPG v1.30 + Barman Cloud plugin v0.14 leave it (cnpg.md §2.3).
constexpr const char* kCompletedPluginStatus = R"({
  "phase": "completed", "method": "plugin", "online": true, "majorVersion": 17,
  "backupId": "20260115T103001", "backupName": "backup-20260115103001",
  "beginWal": "000000010000003A0000007C", "endWal": "000000010000003A0000007E",
  "beginLSN": "3A/7C000028", "endLSN": "3A/7E000138",
  "startedAt": "2026-01-15T10:30:01Z", "stoppedAt": "2026-01-15T10:30:09Z",
  "instanceID": {"podName": "orders-db-1", "ContainerID": "containerd://4f2a", "sessionID": "b41c"},
  "pluginMetadata": {"timeline": "1", "clusterUID": "0f1e2d3c", "pluginName": "barman-cloud.cloudnative-pg.io"}
})";

BackupStatus parse(const std::string& status_json) {
  auto status = parse_backup_status(backup_with_status(status_json));
  EXPECT_TRUE(status.ok()) << status.error().message;
  return status.ok() ? status.value() : BackupStatus{};
}

std::string parse_error(const std::string& status_json) {
  auto status = parse_backup_status(backup_with_status(status_json));
  EXPECT_FALSE(status.ok());
  return status.ok() ? std::string{} : status.error().message;
}

std::string info_error(const BackupStatus& status) {
  auto info = to_backup_info(status);
  EXPECT_FALSE(info.ok());
  return info.ok() ? std::string{} : info.error().message;
}

TEST(BackupStatus, ABackupTheOperatorHasNotSeenYetIsPending) {
  const auto status = parse("");
  EXPECT_EQ(status.progress, BackupProgress::pending);
  EXPECT_EQ(status.phase, "");
  EXPECT_EQ(status.object_name, "orders-db-ckpt-a1b2c3d4");
  EXPECT_EQ(status.namespace_name, "payments");
}

TEST(BackupStatus, ClassifiesEveryPhaseCnpgReports) {
  const std::pair<const char*, BackupProgress> cases[] = {
      {"pending", BackupProgress::pending},
      {"started", BackupProgress::started},
      {"running", BackupProgress::running},
      {"finalizing", BackupProgress::finalizing},
      {"completed", BackupProgress::completed},
      {"failed", BackupProgress::failed},
      {"walArchivingFailing", BackupProgress::wal_archiving_failing},
      {"invalid backup definition", BackupProgress::invalid},
      {"someFuturePhase", BackupProgress::unknown},
  };
  for (const auto& [phase, progress] : cases) {
    EXPECT_EQ(parse(std::string{R"({"phase": ")"} + phase + "\"}").progress, progress) << phase;
  }
}

TEST(BackupStatus, OnlyCompletedAndFailedAreTerminal) {
  EXPECT_TRUE(is_terminal(BackupProgress::completed));
  EXPECT_TRUE(is_terminal(BackupProgress::failed));
  EXPECT_FALSE(is_terminal(BackupProgress::wal_archiving_failing)) << "CNPG's IsDone() does not count it";
  EXPECT_FALSE(is_terminal(BackupProgress::pending));
  EXPECT_FALSE(is_terminal(BackupProgress::started));
  EXPECT_EQ(to_string(BackupProgress::wal_archiving_failing), "walArchivingFailing");
}

TEST(BackupStatus, StartedPluginBackupCarriesThePodButNoResultYet) {
  const auto status = parse(R"({"phase": "started", "method": "plugin",
                                "instanceID": {"podName": "orders-db-1"}})");
  EXPECT_EQ(status.progress, BackupProgress::started);
  EXPECT_EQ(status.method, "plugin");
  EXPECT_FALSE(status.end_lsn);
  EXPECT_EQ(info_error(status),
            "Backup payments/orders-db-ckpt-a1b2c3d4 is not completed (phase 'started'): wait for phase completed "
            "before recording the checkpoint");
}

TEST(BackupStatus, ReadsEveryFieldOfACompletedPluginBackup) {
  const auto status = parse(kCompletedPluginStatus);
  EXPECT_EQ(status.progress, BackupProgress::completed);
  EXPECT_EQ(status.backup_id, "20260115T103001");
  EXPECT_EQ(status.backup_name, "backup-20260115103001");
  EXPECT_EQ(status.begin_lsn, parse_lsn("3A/7C000028"));
  EXPECT_EQ(status.end_lsn, parse_lsn("3A/7E000138"));
  EXPECT_EQ(status.begin_wal, "000000010000003A0000007C");
  EXPECT_EQ(status.end_wal, "000000010000003A0000007E");
  EXPECT_EQ(status.started_at, parse_rfc3339("2026-01-15T10:30:01Z"));
  EXPECT_EQ(status.stopped_at, parse_rfc3339("2026-01-15T10:30:09Z"));
  EXPECT_EQ(status.plugin_timeline, 1U);
  EXPECT_EQ(status.error, "");
  EXPECT_TRUE(status.snapshots.empty());
}

TEST(BackupStatus, ACompletedBackupBecomesTheCheckpointsBaseBackup) {
  const auto info = to_backup_info(parse(kCompletedPluginStatus));
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->backup_id, "20260115T103001");
  EXPECT_EQ(info->name, "orders-db-ckpt-a1b2c3d4");
  EXPECT_EQ(info->begin_lsn, parse_lsn("3A/7C000028").value());
  EXPECT_EQ(info->end_lsn, parse_lsn("3A/7E000138").value());
  EXPECT_EQ(info->timeline, 1U);
  EXPECT_EQ(info->started_at, parse_rfc3339("2026-01-15T10:30:01Z").value());
  EXPECT_EQ(info->stopped_at, parse_rfc3339("2026-01-15T10:30:09Z").value());
  EXPECT_FALSE(info->reused);
}

TEST(BackupStatus, TimelineComesFromBeginWalElseFromThePluginMetadata) {
  auto status = parse(kCompletedPluginStatus);
  status.begin_wal = "000000030000003A0000007C";
  EXPECT_EQ(to_backup_info(status)->timeline, 3U);
  status.begin_wal.clear();
  EXPECT_EQ(to_backup_info(status)->timeline, 1U);
  status.plugin_timeline.reset();
  EXPECT_EQ(info_error(status),
            "Backup payments/orders-db-ckpt-a1b2c3d4 is completed but has no status.beginWal or "
            "status.pluginMetadata.timeline: the backup's timeline is unknown");
}

TEST(BackupStatus, ACompletedBackupWithoutWhatACheckpointNeedsIsRefusedByField) {
  auto status = parse(kCompletedPluginStatus);
  status.backup_id.clear();
  auto info = to_backup_info(status);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().code, ErrorCode::engine_error);
  EXPECT_EQ(info.error().message,
            "Backup payments/orders-db-ckpt-a1b2c3d4 is completed but has no status.backupId: the restore cannot pin "
            "its base backup");

  status = parse(kCompletedPluginStatus);
  status.end_lsn.reset();
  EXPECT_EQ(info_error(status),
            "Backup payments/orders-db-ckpt-a1b2c3d4 is completed but has no status.endLSN: the recovery point cannot "
            "be checked to lie after the backup");

  status = parse(kCompletedPluginStatus);
  status.stopped_at.reset();
  EXPECT_EQ(info_error(status),
            "Backup payments/orders-db-ckpt-a1b2c3d4 is completed but has no status.stoppedAt: the recovery point "
            "cannot be checked to lie after the backup");
}

TEST(BackupStatus, FailedBackupCarriesTheOperatorsError) {
  const auto status = parse(R"({"phase": "failed", "method": "plugin",
      "error": "rpc error: code = Unknown desc = missing ObjectStore payments-store"})");
  EXPECT_EQ(status.progress, BackupProgress::failed);
  EXPECT_EQ(status.error, "rpc error: code = Unknown desc = missing ObjectStore payments-store");
}

TEST(BackupStatus, WalArchivingFailingIsReportedAsSuch) {
  const auto status = parse(R"({"phase": "walArchivingFailing", "method": "barmanObjectStore",
      "error": "unexpected failure invoking barman-cloud-wal-archive: exit status 1"})");
  EXPECT_EQ(status.progress, BackupProgress::wal_archiving_failing);
  EXPECT_EQ(status.error, "unexpected failure invoking barman-cloud-wal-archive: exit status 1");
}

TEST(BackupStatus, ReadsTheVolumeSnapshotsOfASnapshotBackup) {
  const auto status = parse(R"({"phase": "completed", "method": "volumeSnapshot", "online": true,
      "backupId": "events-db-ckpt-a1b2c3d4", "backupName": "events-db-ckpt-a1b2c3d4",
      "beginWal": "000000020000001000000004", "endWal": "000000020000001000000004",
      "beginLSN": "10/4000028", "endLSN": "10/4000138",
      "startedAt": "2026-01-15T10:30:01Z", "stoppedAt": "2026-01-15T10:30:40Z",
      "snapshotBackupStatus": {"elements": [
        {"name": "events-db-ckpt-a1b2c3d4", "type": "PG_DATA"},
        {"name": "events-db-ckpt-a1b2c3d4-wal", "type": "PG_WAL"},
        {"name": "events-db-ckpt-a1b2c3d4-tbs-archive", "type": "PG_TABLESPACE", "tablespaceName": "archive"}]}})");
  ASSERT_EQ(status.snapshots.size(), 3U);
  EXPECT_EQ(status.snapshots[0].name, "events-db-ckpt-a1b2c3d4");
  EXPECT_EQ(status.snapshots[1].type, "PG_WAL");
  EXPECT_EQ(status.snapshots[2].tablespace_name, "archive");
  const auto info = to_backup_info(status);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->backup_id, "events-db-ckpt-a1b2c3d4");
  EXPECT_EQ(info->timeline, 2U);
}

TEST(BackupStatus, MalformedFieldsAreRejectedByName) {
  EXPECT_EQ(parse_error(R"({"phase": "completed", "endLSN": "3A/ZZ"})"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status.endLSN must be an LSN like 3A/7E000028, got '3A/ZZ'");
  EXPECT_EQ(parse_error(R"({"phase": "completed", "backupId": 20260115})"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status.backupId must be a string, got number");
  EXPECT_EQ(parse_error(R"({"startedAt": "yesterday"})"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status.startedAt must be an RFC 3339 time like "
            "2026-01-15T10:30:01Z, got 'yesterday'");
  // Found by fuzz/cnpg_status_fuzzer: a far-future time overflowed instead of being refused.
  EXPECT_EQ(parse_error(R"({"stoppedAt": "4032-01-15T10:30:09Z"})"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status.stoppedAt must be an RFC 3339 time like "
            "2026-01-15T10:30:01Z, got '4032-01-15T10:30:09Z'");
  EXPECT_EQ(parse_error(R"({"beginWal": "00000001000000"})"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status.beginWal must be a 24-hex-digit WAL file name, got "
            "'00000001000000'");
  EXPECT_EQ(parse_error(R"({"pluginMetadata": {"timeline": "one"}})"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status.pluginMetadata.timeline must be a timeline number, got "
            "'one'");
  EXPECT_EQ(parse_error(R"({"snapshotBackupStatus": {"elements": [{"type": "PG_DATA"}]}})"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status.snapshotBackupStatus.elements[0].name is missing");
  EXPECT_EQ(parse_error(R"({"snapshotBackupStatus": {"elements": ["x"]}})"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status.snapshotBackupStatus.elements[0] must be an object, got "
            "string");
  EXPECT_EQ(parse_error(R"("completed")"),
            "Backup payments/orders-db-ckpt-a1b2c3d4: status must be an object, got string");
}

}  // namespace
}  // namespace ckpt::cnpg
