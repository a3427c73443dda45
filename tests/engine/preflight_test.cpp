#include <thread>

#include "local_engine_fixture.hpp"

namespace ckpt::test {
namespace {

TEST_F(LocalEngineTest, PreflightPassesOnAHealthyCluster) {
  auto engine = make_engine();
  EXPECT_EQ(engine->kind(), "local");
  auto checked = run_sync(engine->preflight());
  EXPECT_TRUE(checked) << checked.error().message;
}

TEST_F(LocalEngineTest, PreflightRefusesWhenArchiveModeIsOff) {
  postgres_->exec("ALTER SYSTEM SET archive_mode = off");
  postgres_->stop();
  postgres_->start();
  auto checked = run_sync(make_engine()->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::refused);
  EXPECT_EQ(checked.error().reason, refusal::archive_mode_off);
  EXPECT_NE(checked.error().message.find("archive_mode = on"), std::string::npos) << checked.error().message;
  EXPECT_NE(checked.error().message.find(postgres_->archive_directory().string()), std::string::npos);
}

TEST_F(LocalEngineTest, PreflightRefusesAnUnreachableCluster) {
  postgres_->stop();
  auto checked = run_sync(make_engine()->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::refused);
  EXPECT_EQ(checked.error().reason, refusal::cluster_unreachable);
  EXPECT_NE(checked.error().message.find("port=" + std::to_string(postgres_->port())), std::string::npos)
      << checked.error().message;
}

TEST_F(LocalEngineTest, PreflightRefusesFailingArchivingUntilItRecovers) {
  postgres_->break_archiving();
  postgres_->wait_for_archive_failure();
  auto engine = make_engine();
  auto checked = run_sync(engine->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::refused);
  EXPECT_EQ(checked.error().reason, refusal::wal_archive_failing);
  const auto failed_wal = postgres_->query_value("SELECT last_failed_wal FROM pg_stat_archiver");
  EXPECT_NE(checked.error().message.find(failed_wal), std::string::npos) << checked.error().message;
  EXPECT_NE(checked.error().message.find("archive_command"), std::string::npos);

  postgres_->fix_archiving();
  postgres_->exec("SELECT pg_logical_emit_message(false, 'test', 'x'); SELECT pg_switch_wal()");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (postgres_->query_value("SELECT last_archived_time > last_failed_time FROM pg_stat_archiver") != "t" &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto recovered = run_sync(engine->preflight());
  EXPECT_TRUE(recovered) << recovered.error().message;
}

TEST_F(LocalEngineTest, PreflightRefusesAMissingArchiveDirectory) {
  cluster_.local->archive_directory = postgres_->root() / "no-such-archive";
  auto checked = run_sync(make_engine()->preflight());
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().reason, refusal::wal_archive_failing);
  EXPECT_NE(checked.error().message.find("no-such-archive"), std::string::npos) << checked.error().message;
}

}  // namespace
}  // namespace ckpt::test
