#include <chrono>
#include <regex>

#include "local_engine_fixture.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;

TEST_F(LocalEngineTest, RecordRecoveryPointWaitsUntilTheTargetSegmentIsArchived) {
  auto engine = make_engine();
  auto checkpoint = checkpoint_named("p1");
  auto backup = run_sync(engine->take_backup(checkpoint, {}));
  ASSERT_TRUE(backup) << backup.error().message;
  checkpoint.backup = backup.value();
  auto point = run_sync(engine->record_recovery_point(checkpoint));
  ASSERT_TRUE(point) << point.error().message;
  EXPECT_GT(point->target_lsn, backup->end_lsn);
  EXPECT_LE(point->current_lsn, point->target_lsn);
  EXPECT_EQ(point->timeline, 1U);
  EXPECT_EQ(point->restore_point, "checkpointd-p1");
  EXPECT_EQ(point->wal_file, wal_file_name_for(1, point->target_lsn, PostgresInstance::kWalSegmentSize));
  EXPECT_TRUE(fs::exists(postgres_->archive_directory() / point->wal_file));
  EXPECT_TRUE(std::regex_match(point->server_time, std::regex{R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00)"}))
      << point->server_time;
}

TEST_F(LocalEngineTest, RecordRecoveryPointIsRefusedWithinItsDeadlineWhenArchivingFails) {
  cluster_.deadlines.archive_wait = std::chrono::seconds(2);
  auto engine = make_engine();
  auto checkpoint = checkpoint_named("p2");
  auto backup = run_sync(engine->take_backup(checkpoint, {}));
  ASSERT_TRUE(backup) << backup.error().message;
  checkpoint.backup = backup.value();
  postgres_->break_archiving();
  const auto started = std::chrono::steady_clock::now();
  auto point = run_sync(engine->record_recovery_point(checkpoint));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(point);
  EXPECT_EQ(point.error().code, ErrorCode::refused);
  EXPECT_EQ(point.error().reason, refusal::wal_archive_failing);
  EXPECT_LT(took, std::chrono::milliseconds(2500));
  EXPECT_NE(point.error().message.find("WAL segment 00000001"), std::string::npos) << point.error().message;
  EXPECT_NE(point.error().message.find("archive_command"), std::string::npos) << point.error().message;
}

TEST_F(LocalEngineTest, RecordRecoveryPointNeedsABackup) {
  auto point = run_sync(make_engine()->record_recovery_point(checkpoint_named("p3")));
  ASSERT_FALSE(point);
  EXPECT_EQ(point.error().code, ErrorCode::conflict);
}

TEST_F(LocalEngineTest, SchemaFingerprintFollowsTheStructureNotTheData) {
  auto engine = make_engine();
  auto empty = run_sync(engine->schema_fingerprint());
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_EQ(empty.value(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") << "sha256 of nothing";
  postgres_->exec("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL DEFAULT 'x')");
  auto with_table = run_sync(engine->schema_fingerprint());
  ASSERT_TRUE(with_table);
  EXPECT_NE(with_table.value(), empty.value());
  postgres_->exec("INSERT INTO items VALUES (1, 'a')");
  EXPECT_EQ(run_sync(engine->schema_fingerprint()).value(), with_table.value());
  postgres_->exec("CREATE INDEX items_name ON items (name)");
  auto with_index = run_sync(engine->schema_fingerprint());
  ASSERT_TRUE(with_index);
  EXPECT_NE(with_index.value(), with_table.value());
  postgres_->exec("DROP INDEX items_name");
  EXPECT_EQ(run_sync(engine->schema_fingerprint()).value(), with_table.value());
}

}  // namespace
}  // namespace ckpt::test
