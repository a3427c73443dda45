// Backups run by the operator emulation against a real source PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "cnpg/backup_status.hpp"
#include "cnpgemu/emulator_fixture.hpp"

namespace ckpt::cnpgemu::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::regex kRfc3339Seconds{R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"};

TEST_F(EmulatorTest, PluginBackupCompletesWithTheStatusCnpgWrites) {
  const PhaseRecorder phases{*server, kBackups};
  const auto backup = completed_backup("orders-ckpt-1");

  EXPECT_EQ(phases.phases_of("orders-ckpt-1"), (std::vector<std::string>{"started", "completed"}));
  const auto id = text_at(backup, "status", "backupId");
  ASSERT_TRUE(std::regex_match(id, std::regex{R"(\d{8}T\d{6})"})) << id;
  EXPECT_EQ(text_at(backup, "status", "backupName"), "backup-" + id.substr(0, 8) + id.substr(9));
  EXPECT_EQ(text_at(backup, "status", "method"), "plugin");
  EXPECT_TRUE(std::regex_match(text_at(backup, "status", "startedAt"), kRfc3339Seconds));
  EXPECT_TRUE(std::regex_match(text_at(backup, "status", "stoppedAt"), kRfc3339Seconds));
  EXPECT_LE(text_at(backup, "status", "startedAt"), text_at(backup, "status", "stoppedAt"));
  const auto& status = backup.at("status").as_object();
  EXPECT_EQ(status.at("online"), true);
  EXPECT_EQ(status.at("pluginMetadata").at("timeline"), "1");
  EXPECT_EQ(status.at("instanceID").at("podName"), "orders-1");

  const auto begin = parse_lsn(text_at(backup, "status", "beginLSN"));
  const auto end = parse_lsn(text_at(backup, "status", "endLSN"));
  ASSERT_TRUE(begin && end);
  EXPECT_LE(*begin, *end);
  const auto segment_size = test::PostgresInstance::kWalSegmentSize;
  EXPECT_EQ(text_at(backup, "status", "beginWal"), wal_file_name_for(1, *begin, segment_size));
  EXPECT_EQ(text_at(backup, "status", "endWal"), wal_file_name_for(1, *end, segment_size));
  EXPECT_TRUE(fs::exists(source->archive_directory() / text_at(backup, "status", "endWal")));
  EXPECT_TRUE(fs::exists(work_directory() / "backups" / kSource / id / "backup_label"));
  EXPECT_EQ(emulator->base_backups_started(kNamespace, "orders-ckpt-1"), 1u);

  // What the daemon reads from it.
  const auto parsed = cnpg::parse_backup_status(backup);
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto info = cnpg::to_backup_info(*parsed);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->backup_id, id);
  EXPECT_EQ(info->timeline, 1u);
}

TEST_F(EmulatorTest, ASecondBackupOfTheClusterWaitsUntilTheFirstEnds) {
  const PhaseRecorder phases{*server, kBackups};
  create(backup_manifest("orders-ckpt-1"));
  create(backup_manifest("orders-ckpt-2"));
  const auto first = wait_for_phase(kBackups, "orders-ckpt-1", "completed");
  const auto second = wait_for_phase(kBackups, "orders-ckpt-2", "completed");

  EXPECT_NE(text_at(first, "status", "backupId"), text_at(second, "status", "backupId"));
  std::vector<std::string> running;  // backups started and not yet completed, in commit order
  bool one_waited = false;
  for (const auto& [name, phase] : phases.changes()) {
    one_waited = one_waited || phase == "pending";
    if (phase == "started") running.push_back(name);
    if (phase == "completed") std::erase(running, name);
    EXPECT_LE(running.size(), 1u) << "two backups of one cluster ran at once";
  }
  EXPECT_TRUE(one_waited) << "the later Backup never showed phase pending";
}

TEST_F(EmulatorTest, AFailingPgBasebackupFailsTheBackupWithItsLastLine) {
  // A file where the backup folder must go: pg_basebackup cannot create its directory.
  fs::create_directories(work_directory() / "backups");
  std::ofstream{work_directory() / "backups" / kSource} << "in the way";
  create(backup_manifest("orders-ckpt-1"));
  const auto backup = wait_for_phase(kBackups, "orders-ckpt-1", "failed");

  EXPECT_THAT(text_at(backup, "status", "error"), StartsWith("pg_basebackup: error: "));
  EXPECT_THAT(text_at(backup, "status", "error"), HasSubstr("Not a directory"));
  EXPECT_EQ(emulator->base_backups_started(kNamespace, "orders-ckpt-1"), 1u);
}

TEST_F(EmulatorTest, BackupsTheEmulationCannotRunFailNamingTheField) {
  create(backup_manifest("unknown-cluster", "billing"));
  create(backup_manifest("snapshot", kSource, "volumeSnapshot"));
  create(backup_manifest("in-tree", kSource, "barmanObjectStore"));

  EXPECT_THAT(text_at(wait_for_phase(kBackups, "unknown-cluster", "failed"), "status", "error"),
              StartsWith("spec.cluster.name: unknown cluster 'billing'"));
  EXPECT_THAT(text_at(wait_for_phase(kBackups, "snapshot", "failed"), "status", "error"),
              StartsWith("spec.method: volumeSnapshot backups are not emulated"));
  EXPECT_THAT(text_at(wait_for_phase(kBackups, "in-tree", "failed"), "status", "error"),
              HasSubstr("no barmanObjectStore section defined on the target cluster orders"));
  EXPECT_EQ(emulator->base_backups_started(kNamespace, "in-tree"), 0u);
}

class InTreeArchivingTest : public EmulatorTest {
 protected:
  WalArchiver archiver() const override { return WalArchiver::barman_object_store; }
};

TEST_F(InTreeArchivingTest, BarmanObjectStoreBackupGoesThroughPendingAndRunning) {
  const PhaseRecorder phases{*server, kBackups};
  create(backup_manifest("orders-ckpt-1", kSource, "barmanObjectStore"));
  const auto backup = wait_for_phase(kBackups, "orders-ckpt-1", "completed");

  EXPECT_EQ(phases.phases_of("orders-ckpt-1"), (std::vector<std::string>{"pending", "running", "completed"}));
  EXPECT_EQ(text_at(backup, "status", "serverName"), kSource);
  EXPECT_EQ(text_at(backup, "status", "destinationPath"), "s3://emulated/store/");
  EXPECT_FALSE(backup.at("status").as_object().contains("pluginMetadata"));
  const auto cluster = get(kClusters, kSource);
  EXPECT_EQ(cluster.at("spec").at("backup").at("barmanObjectStore").at("serverName"), kSource);
}

}  // namespace
}  // namespace ckpt::cnpgemu::testing
