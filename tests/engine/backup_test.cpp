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
  auto first = run_sync(engine->take_backup(checkpoint));
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

  auto second = run_sync(engine->take_backup(checkpoint));
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
  auto backup = run_sync(make_engine()->take_backup(checkpoint_named("b2")));
  ASSERT_TRUE(backup) << backup.error().message;
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_FALSE(fs::exists(fs::path{backup->name} / "junk"));
  EXPECT_TRUE(fs::exists(fs::path{backup->name} / engine::local::kBackupMetadataFile));
}

TEST_F(LocalEngineTest, TakeBackupReusesAFreshBackupWithinTheMaximumAge) {
  cluster_.local->backup_max_age = std::chrono::hours(1);
  auto engine = make_engine();
  auto first = run_sync(engine->take_backup(checkpoint_named("r1")));
  ASSERT_TRUE(first) << first.error().message;
  auto second = run_sync(engine->take_backup(checkpoint_named("r2")));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(second->reused);
  EXPECT_EQ(second->backup_id, first->backup_id);
  EXPECT_EQ(entries_in(postgres_->backup_directory()), 1U);
}

TEST_F(LocalEngineTest, TakeBackupTakesANewBackupWithoutAMaximumAge) {
  auto engine = make_engine();
  ASSERT_TRUE(run_sync(engine->take_backup(checkpoint_named("n1"))));
  auto second = run_sync(engine->take_backup(checkpoint_named("n2")));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->reused);
  EXPECT_EQ(second->backup_id, backup_object_name("orders", "n2"));
  EXPECT_EQ(entries_in(postgres_->backup_directory()), 2U);
}

TEST_F(LocalEngineTest, TakeBackupOfAStoppedClusterIsRefusedAsBackupFailed) {
  postgres_->stop();
  auto backup = run_sync(make_engine()->take_backup(checkpoint_named("s1")));
  ASSERT_FALSE(backup);
  EXPECT_EQ(backup.error().code, ErrorCode::refused);
  EXPECT_EQ(backup.error().reason, refusal::backup_failed);
  EXPECT_NE(backup.error().message.find("pg_basebackup"), std::string::npos) << backup.error().message;
}

}  // namespace
}  // namespace ckpt::test
