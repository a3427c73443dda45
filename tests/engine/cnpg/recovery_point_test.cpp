// record_recovery_point and schema_fingerprint on the source's real PostgreSQL, reached
// through its read-write "Service" (a socket directory from the rw_host template): the
// point is recorded, its segment archived per pg_stat_archiver, and CNPG's
// ContinuousArchiving condition and the Backup's end are respected.
#include "engine/cnpg/recovery_point.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "cnpg_engine_fixture.hpp"

namespace ckpt::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class CnpgRecoveryPointTest : public CnpgDatabaseTest {
 protected:
  // A checkpoint whose Backup ended at the source's current insert position `age` ago.
  Checkpoint checkpoint_after_backup(const std::string& id, std::chrono::seconds age = 5s) const {
    auto checkpoint = checkpoint_named(id);
    BackupInfo backup;
    backup.backup_id = "20260115T103001";
    backup.name = "orders-db-ckpt-" + id;
    backup.begin_lsn = *parse_lsn(postgres_->query_value("SELECT pg_current_wal_insert_lsn()"));
    backup.end_lsn = backup.begin_lsn;
    backup.timeline = 1;
    backup.stopped_at = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now() - age);
    backup.started_at = backup.stopped_at - 2s;
    checkpoint.backup = backup;
    return checkpoint;
  }
};

TEST_F(CnpgRecoveryPointTest, RecordsThePointOnTheSourceAndWaitsUntilItIsArchived) {
  create_source_cluster(healthy_cluster_status());
  const auto checkpoint = checkpoint_after_backup("r1");
  auto point = run(make_engine()->record_recovery_point(checkpoint));
  ASSERT_TRUE(point) << point.error().message;
  EXPECT_GT(point->target_lsn, checkpoint.backup->end_lsn);
  EXPECT_EQ(point->timeline, 1U);
  EXPECT_EQ(point->restore_point, "checkpointd-r1");
  EXPECT_EQ(point->wal_file, wal_file_name_for(1, point->target_lsn, PostgresInstance::kWalSegmentSize));
  EXPECT_TRUE(std::filesystem::exists(postgres_->archive_directory() / point->wal_file));
  EXPECT_TRUE(std::regex_match(point->server_time, std::regex{R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00)"}));
}

TEST_F(CnpgRecoveryPointTest, IsRefusedWhenCnpgReportsArchivingFailing) {
  create_source_cluster(healthy_cluster_status(false, "exit status 4"));
  auto point = run(make_engine()->record_recovery_point(checkpoint_after_backup("r2")));
  ASSERT_FALSE(point);
  EXPECT_EQ(point.error().code, ErrorCode::refused);
  EXPECT_EQ(point.error().reason, "wal_archive_failing");
  EXPECT_NE(point.error().message.find("ContinuousArchiving=False (reason ContinuousArchivingFailing: exit status 4)"),
            std::string::npos)
      << point.error().message;
}

TEST_F(CnpgRecoveryPointTest, IsRefusedWithinItsDeadlineWhenTheSegmentIsNotArchived) {
  create_source_cluster(healthy_cluster_status());
  cluster.deadlines.archive_wait = 1s;
  postgres_->break_archiving();
  const auto started = Clock::now();
  auto point = run(make_engine()->record_recovery_point(checkpoint_after_backup("r3")));
  ASSERT_FALSE(point);
  EXPECT_LT(Clock::now() - started, 2500ms);
  EXPECT_EQ(point.error().reason, "wal_archive_failing");
  EXPECT_NE(point.error().message.find("WAL segment 00000001"), std::string::npos) << point.error().message;
}

TEST_F(CnpgRecoveryPointTest, ATargetNotAfterTheBackupsEndFails) {
  create_source_cluster(healthy_cluster_status());
  auto checkpoint = checkpoint_after_backup("r4");
  checkpoint.backup->end_lsn = *parse_lsn("FF/0");
  auto point = run(make_engine()->record_recovery_point(checkpoint));
  ASSERT_FALSE(point);
  EXPECT_EQ(point.error().code, ErrorCode::failed);
  EXPECT_NE(point.error().message.find("does not lie after the end FF/0 of base backup 20260115T103001"),
            std::string::npos)
      << point.error().message;
}

TEST_F(CnpgRecoveryPointTest, ATimeTargetLiesMoreThanASecondAfterTheBackupsEnd) {
  create_source_cluster(healthy_cluster_status());
  cluster.cnpg->recovery_target = "time";
  const auto checkpoint = checkpoint_after_backup("r5", 0s);
  auto point = run(make_engine()->record_recovery_point(checkpoint));
  ASSERT_TRUE(point) << point.error().message;
  const auto recorded = engine::cnpg::parse_server_time(point->server_time);
  ASSERT_TRUE(recorded) << point->server_time;
  EXPECT_GT(*recorded, checkpoint.backup->stopped_at + 1s);
}

TEST_F(CnpgRecoveryPointTest, TheSchemaFingerprintIsTheSources) {
  create_source_cluster(healthy_cluster_status());
  auto engine = make_engine();
  auto before = run(engine->schema_fingerprint());
  ASSERT_TRUE(before) << before.error().message;
  postgres_->exec("CREATE TABLE orders (id bigint PRIMARY KEY)");
  auto after = run(engine->schema_fingerprint());
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_NE(before.value(), after.value());
}

TEST(ServerTime, ParsesOnlyTheRecordedForm) {
  const auto parsed = engine::cnpg::parse_server_time("2026-01-15 10:30:12.345678+00");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->time_since_epoch(), std::chrono::microseconds(1768473012345678));
  EXPECT_FALSE(engine::cnpg::parse_server_time("2026-01-15T10:30:12Z"));
  EXPECT_FALSE(engine::cnpg::parse_server_time("2026-01-15 10:30:12+00"));
}

}  // namespace
}  // namespace ckpt::test
