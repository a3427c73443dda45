#include <algorithm>
#include <chrono>

#include "engine/local/durable_fs.hpp"
#include "local_engine_fixture.hpp"
#include "recording_observer.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kRestorePhases{"started", "base_copied", "recovery_started", "promoted", "verified"};

class LocalRestoreTest : public LocalEngineTest {
 protected:
  // Rows 1..50 exist at the checkpoint; row 1000 and a new column come right after it.
  Checkpoint checkpoint_then_change(engine::Engine& engine, const std::string& id) const {
    postgres_->exec(
        "CREATE TABLE orders (id int PRIMARY KEY, note text NOT NULL);"
        "INSERT INTO orders SELECT g, 'before' FROM generate_series(1, 50) g;");
    auto checkpoint = take_checkpoint(engine, id);
    postgres_->exec(
        "INSERT INTO orders VALUES (1000, 'after the checkpoint');"
        "ALTER TABLE orders ADD COLUMN extra int;");
    return checkpoint;
  }

  std::string query_restored(int port, const std::string& sql) const {
    return postgres_->query_value_at(postgres_->restore_directory(), static_cast<std::uint16_t>(port), sql);
  }

  std::vector<fs::path> restored_data_directories() const {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(postgres_->restore_directory())) {
      if (entry.is_directory()) found.push_back(entry.path());
    }
    return found;
  }
};

TEST_F(LocalRestoreTest, PlanDescribesTheRestoreWithoutActing) {
  auto engine = make_engine();
  const auto checkpoint = checkpoint_then_change(*engine, "plan1");
  ASSERT_TRUE(checkpoint.recovery_point);
  auto plan = run_sync(engine->plan_restore(checkpoint, engine::RestoreOptions{.cutover = true}));
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->engine, "local");
  EXPECT_EQ(fs::path{plan->target}, postgres_->restore_directory() / restore_object_name("orders", "plan1", 1));
  EXPECT_EQ(plan->base_backup, checkpoint.backup->name);
  EXPECT_NE(plan->recovery_target.find(format_lsn(checkpoint.recovery_point->target_lsn) + " (exclusive)"),
            std::string::npos);
  EXPECT_NE(plan->manifest.find("recovery_target_lsn = '" + format_lsn(checkpoint.recovery_point->target_lsn) + "'"),
            std::string::npos);
  EXPECT_NE(plan->manifest.find("archive_mode = off"), std::string::npos);
  EXPECT_NE(plan->steps.back().find(".replaced-plan1"), std::string::npos);
  EXPECT_TRUE(restored_data_directories().empty());

  auto unready = run_sync(engine->plan_restore(checkpoint_named("plan2"), {}));
  ASSERT_FALSE(unready);
  EXPECT_EQ(unready.error().code, ErrorCode::conflict);
}

TEST_F(LocalRestoreTest, RestoreRecoversExactlyToTheCheckpointIntoANewDataDirectory) {
  auto engine = make_engine();
  const auto checkpoint = checkpoint_then_change(*engine, "full1");
  ASSERT_TRUE(checkpoint.recovery_point);
  RecordingObserver observer;
  auto outcome = run_sync(engine->restore(checkpoint, {}, observer));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->restored_timeline, 2U);
  EXPECT_FALSE(outcome->cut_over);
  EXPECT_EQ(observer.phases, kRestorePhases);
  ASSERT_EQ(observer.targets.size(), 1U);
  const auto& [target, port] = observer.targets.front();
  EXPECT_EQ(fs::path{target}, postgres_->restore_directory() / restore_object_name("orders", "full1", 1));
  EXPECT_NE(port, postgres_->port());

  EXPECT_EQ(query_restored(port, "SELECT count(*) FROM orders"), "50");
  EXPECT_EQ(query_restored(port, "SELECT count(*) FROM orders WHERE id = 1000"), "0");
  EXPECT_EQ(query_restored(
                port, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'extra'"),
            "0");
  EXPECT_EQ(query_restored(port, "SELECT pg_is_in_recovery()"), "f");
  EXPECT_EQ(query_restored(port, "SHOW archive_mode"), "off");
  EXPECT_FALSE(fs::exists(fs::path{target + ".spool"}));
  EXPECT_FALSE(fs::exists(postgres_->archive_directory() / "00000002.history")) << "the copy must not archive";
  const auto promotion = std::find_if(observer.notes.begin(), observer.notes.end(), [&](const std::string& note) {
    return note.starts_with("recovery stopped before " + format_lsn(checkpoint.recovery_point->target_lsn)) &&
           note.find("pg_ctl promote") != std::string::npos;
  });
  EXPECT_NE(promotion, observer.notes.end()) << "the restore promotes the instance at the target";
  const auto server_log = engine::local::read_text_file(fs::path{target + ".log"});
  ASSERT_TRUE(server_log) << server_log.error().message;
  EXPECT_EQ(server_log->find("checkpoint starting: end-of-recovery"), std::string::npos)
      << "promoted without waiting for an end-of-recovery checkpoint:\n"
      << server_log.value();

  // Durable once verified: a crash right after it loses nothing the restore gave back.
  ASSERT_EQ(query_restored(port, "CREATE TABLE written_after_the_restore AS SELECT 1 AS one; SELECT 1"), "1");
  PostgresInstance::crash_and_restart_postgres_at(target, fs::path{target + ".log"});
  EXPECT_EQ(query_restored(port, "SELECT count(*) FROM orders"), "50");
  EXPECT_EQ(query_restored(port, "SELECT count(*) FROM written_after_the_restore"), "1");
  EXPECT_EQ(query_restored(port, "SELECT pg_is_in_recovery()"), "f");
  EXPECT_EQ(query_restored(port, "SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)"), "00000002");

  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM orders"), "51") << "the original is untouched";
}

TEST_F(LocalRestoreTest, RestoreFailsWithPostgresMessageWhenTheTargetIsNotInTheArchive) {
  auto engine = make_engine();
  const auto checkpoint = checkpoint_then_change(*engine, "gone1");
  ASSERT_TRUE(checkpoint.recovery_point);
  fs::remove(postgres_->archive_directory() / checkpoint.recovery_point->wal_file);
  RecordingObserver observer;
  const auto started = std::chrono::steady_clock::now();
  auto outcome = run_sync(engine->restore(checkpoint, {}, observer));
  ASSERT_FALSE(outcome);
  EXPECT_LT(std::chrono::steady_clock::now() - started, cluster_.deadlines.restore);
  EXPECT_EQ(outcome.error().code, ErrorCode::failed);
  EXPECT_NE(outcome.error().message.find("FATAL:"), std::string::npos) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find("recovery ended before configured recovery target was reached"),
            std::string::npos)
      << outcome.error().message;
  EXPECT_EQ(observer.phases, (std::vector<std::string>{"started", "base_copied", "recovery_started"}));
  EXPECT_TRUE(fs::exists(observer.targets.front().first)) << "a failed restore is kept for forensics";
}

TEST_F(LocalRestoreTest, ResumedRestoreContinuesInTheSameDirectoryOnTheSamePort) {
  auto engine = make_engine();
  auto checkpoint = checkpoint_then_change(*engine, "again1");
  ASSERT_TRUE(checkpoint.recovery_point);
  RecordingObserver interrupted{"recovery_started"};
  auto first = run_sync(engine->restore(checkpoint, {}, interrupted));
  ASSERT_FALSE(first);
  EXPECT_NE(first.error().message.find("simulated crash"), std::string::npos);
  ASSERT_EQ(interrupted.targets.size(), 1U);

  checkpoint.restore = interrupted.record();
  RecordingObserver resumed;
  auto second = run_sync(engine->restore(checkpoint, {}, resumed));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(resumed.targets.empty()) << "the recorded target and port are reused";
  EXPECT_EQ(resumed.phases, (std::vector<std::string>{"recovery_started", "promoted", "verified"}));
  EXPECT_EQ(restored_data_directories(), std::vector<fs::path>{interrupted.targets.front().first});
  const int port = interrupted.targets.front().second;
  EXPECT_EQ(query_restored(port, "SELECT count(*) FROM orders"), "50");
  EXPECT_EQ(second->restored_timeline, 2U);

  checkpoint.restore = interrupted.record();
  for (const auto& phase : resumed.phases)
    checkpoint.restore->phases.push_back({phase, std::chrono::system_clock::now()});
  RecordingObserver finished;
  auto third = run_sync(engine->restore(checkpoint, {}, finished));
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_TRUE(finished.phases.empty());
  EXPECT_EQ(third->restored_timeline, 2U);
}

TEST_F(LocalRestoreTest, CutoverMovesTheRestoredInstanceOntoTheOriginalPortAndKeepsTheOriginal) {
  auto engine = make_engine();
  auto checkpoint = checkpoint_then_change(*engine, "swap1");
  ASSERT_TRUE(checkpoint.recovery_point);
  RecordingObserver interrupted{"cut_over"};  // the daemon dies right after the cut-over
  auto outcome = run_sync(engine->restore(checkpoint, engine::RestoreOptions{.cutover = true}, interrupted));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(interrupted.phases, kRestorePhases);

  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM orders"), "50");
  EXPECT_EQ(postgres_->query_value("SELECT pg_is_in_recovery()"), "f");
  EXPECT_EQ(postgres_->query_value("SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)"), "00000002");
  EXPECT_EQ(postgres_->query_value("SHOW archive_mode"), "on");
  EXPECT_EQ(postgres_->query_value("SELECT current_setting('recovery_target_lsn')"), "");
  EXPECT_TRUE(fs::exists(postgres_->root() / "data.replaced-swap1" / "PG_VERSION")) << "the original is kept";
  EXPECT_FALSE(fs::exists(interrupted.targets.front().first));

  checkpoint.restore = interrupted.record();
  RecordingObserver resumed;
  auto finished = run_sync(engine->restore(checkpoint, engine::RestoreOptions{.cutover = true}, resumed));
  ASSERT_TRUE(finished) << finished.error().message;
  EXPECT_TRUE(finished->cut_over);
  EXPECT_EQ(finished->restored_timeline, 2U);
  EXPECT_EQ(resumed.phases, std::vector<std::string>{"cut_over"});
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM orders"), "50");
}

}  // namespace
}  // namespace ckpt::test
