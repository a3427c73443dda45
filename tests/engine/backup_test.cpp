#include <chrono>
#include <fstream>

#include "engine/local/backup_metadata.hpp"
#include "local_engine_fixture.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;

TEST_F(LocalEngineTest, TakeBackupWritesACompleteBackupAndIsIdempotent) {
  auto engine = make_engine();
  const auto checkpoint = checkpoint_named("b1");
  auto first = run_sync(engine->take_backup(checkpoint, {}));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->backup_id, backup_object_name("orders", "b1"));
  EXPECT_EQ(fs::path{first->name}, postgres_->backup_directory() / first->backup_id);
  EXPECT_FALSE(first->reused);
  EXPECT_EQ(first->timeline, 1U);
  EXPECT_LT(first->begin_lsn, first->end_lsn);
  EXPECT_LE(first->started_at, first->stopped_at);
  EXPECT_TRUE(fs::exists(fs::path{first->name} / "backup_manifest"));
  const auto metadata_file = fs::path{first->name} / engine::local::kBackupMetadataFile;
  ASSERT_TRUE(fs::exists(metadata_file));
  const auto written_at = fs::last_write_time(metadata_file);

  auto second = run_sync(engine->take_backup(checkpoint, {}));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->backup_id, first->backup_id);
  EXPECT_EQ(second->begin_lsn, first->begin_lsn);
  EXPECT_EQ(second->end_lsn, first->end_lsn);
  EXPECT_FALSE(second->reused);
  EXPECT_EQ(entries_in(postgres_->backup_directory()), 1U) << "no second pg_basebackup";
  EXPECT_EQ(fs::last_write_time(metadata_file), written_at);
}

TEST_F(LocalEngineTest, TakeBackupDiscardsALeftoverPartialBackup) {
  const auto partial = postgres_->backup_directory() / (backup_object_name("orders", "b2") + ".partial");
  fs::create_directories(partial / "base");
  std::ofstream{partial / "junk"} << "from a crashed attempt";
  auto backup = run_sync(make_engine()->take_backup(checkpoint_named("b2"), {}));
  ASSERT_TRUE(backup) << backup.error().message;
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_FALSE(fs::exists(fs::path{backup->name} / "junk"));
  EXPECT_TRUE(fs::exists(fs::path{backup->name} / engine::local::kBackupMetadataFile));
}

TEST_F(LocalEngineTest, TakeBackupReusesAFreshBackupWithinTheMaximumAge) {
  cluster_.local->backup_max_age = std::chrono::hours(1);
  auto engine = make_engine();
  auto first = run_sync(engine->take_backup(checkpoint_named("r1"), {}));
  ASSERT_TRUE(first) << first.error().message;
  auto second = run_sync(engine->take_backup(checkpoint_named("r2"), {}));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(second->reused);
  EXPECT_EQ(second->backup_id, first->backup_id);
  EXPECT_EQ(entries_in(postgres_->backup_directory()), 1U);
}

TEST_F(LocalEngineTest, TakeBackupRecordsTheBackupsSize) {
  auto backup = run_sync(make_engine()->take_backup(checkpoint_named("z1"), {}));
  ASSERT_TRUE(backup) << backup.error().message;
  std::uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(backup->name)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  EXPECT_EQ(backup->size_bytes, bytes);
  EXPECT_GT(backup->size_bytes, 16U * 1024 * 1024) << "at least the data files and one WAL segment";
}

// Reuse is decided by the predicted restore, not by age alone: with the WAL written since
// a fresh-enough backup, a restore from it would break the budget, so a new one is taken.
TEST_F(LocalEngineTest, TakeBackupTakesAFreshBackupWhenReusingOneWouldBreakTheRtoBudget) {
  cluster_.local->backup_max_age = std::chrono::hours(1);
  auto engine = make_engine();
  auto first = run_sync(engine->take_backup(checkpoint_named("t1"), {}));
  ASSERT_TRUE(first) << first.error().message;
  postgres_->exec("CREATE TABLE wal_filler (n int)");
  for (int i = 0; i < 12; ++i) postgres_->exec("INSERT INTO wal_filler VALUES (1); SELECT pg_switch_wal()");

  // 100 kB/s replay: the 12 segments of WAL since the first backup (1 MB each in the
  // test cluster) need minutes.
  const engine::BackupReuse tight{std::chrono::seconds{60}, RestoreRates{1e9, 1e5, 1.0, 0}};
  auto second = run_sync(engine->take_backup(checkpoint_named("t2"), tight));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->reused);
  EXPECT_EQ(second->backup_id, backup_object_name("orders", "t2"));
  EXPECT_NE(second->reuse_declined.find("reusing base backup " + first->backup_id), std::string::npos)
      << second->reuse_declined;
  EXPECT_NE(second->reuse_declined.find("over the rto_budget of 1m"), std::string::npos) << second->reuse_declined;

  // A budget the newest backup meets: it is reused.
  const engine::BackupReuse loose{std::chrono::hours{1}, RestoreRates{1e9, 1e5, 1.0, 0}};
  auto third = run_sync(engine->take_backup(checkpoint_named("t3"), loose));
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_TRUE(third->reused);
  EXPECT_EQ(third->backup_id, second->backup_id);
  EXPECT_TRUE(third->reuse_declined.empty());
  EXPECT_EQ(third->size_bytes, second->size_bytes);
}

TEST_F(LocalEngineTest, TakeBackupTakesANewBackupWithoutAMaximumAge) {
  auto engine = make_engine();
  ASSERT_TRUE(run_sync(engine->take_backup(checkpoint_named("n1"), {})));
  auto second = run_sync(engine->take_backup(checkpoint_named("n2"), {}));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->reused);
  EXPECT_EQ(second->backup_id, backup_object_name("orders", "n2"));
  EXPECT_EQ(entries_in(postgres_->backup_directory()), 2U);
}

TEST_F(LocalEngineTest, TakeBackupOfAStoppedClusterIsRefusedAsBackupFailed) {
  postgres_->stop();
  auto backup = run_sync(make_engine()->take_backup(checkpoint_named("s1"), {}));
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().code, ErrorCode::refused);
  EXPECT_EQ(backup.error().reason, refusal::backup_failed);
  EXPECT_NE(backup.error().message.find("pg_basebackup"), std::string::npos) << backup.error().message;
}

}  // namespace
}  // namespace ckpt::test
