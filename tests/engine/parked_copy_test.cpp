// The local engine's pre-warmed restore: a parked copy built from the checkpoint's base
// backup and paused at its target, promoted by a restore when it is parked exactly
// there, the cold path when it is not, and its removal.
#include <algorithm>

#include "core/parked_copy_policy.hpp"
#include "engine/local/postmaster.hpp"
#include "local_engine_fixture.hpp"
#include "recording_observer.hpp"

namespace ckpt::test {
namespace {

namespace fs = std::filesystem;

class ParkedCopyTest : public LocalEngineTest {
 protected:
  void SetUp() override {
    LocalEngineTest::SetUp();
    if (IsSkipped()) return;
    cluster_.local->prewarmed_restore = true;
  }

  // Rows 1..50 at the checkpoint; row 1000 right after it.
  Checkpoint checkpoint_then_change(engine::Engine& engine, const std::string& id) const {
    postgres_->exec(
        "CREATE TABLE orders (id int PRIMARY KEY, note text NOT NULL);"
        "INSERT INTO orders SELECT g, 'before' FROM generate_series(1, 50) g;");
    auto checkpoint = take_checkpoint(engine, id);
    postgres_->exec("INSERT INTO orders VALUES (1000, 'after the checkpoint');");
    return checkpoint;
  }

  // The checkpoint with its parked copy planned and built, asserted parked.
  Checkpoint parked(engine::Engine& engine, Checkpoint checkpoint) const {
    auto planned = engine.plan_parked_copy(checkpoint);
    EXPECT_TRUE(planned) << planned.error().message;
    if (!planned) return checkpoint;
    EXPECT_EQ(planned->state, parked_copy_state::building);
    EXPECT_GT(planned->estimated_bytes, checkpoint.backup->size_bytes);
    checkpoint.parked_copy = planned.value();
    auto built = run_sync(engine.build_parked_copy(checkpoint));
    EXPECT_TRUE(built) << built.error().message;
    if (built) checkpoint.parked_copy = built.value();
    return checkpoint;
  }

  std::string query_at(int port, const std::string& sql) const {
    return postgres_->query_value_at(postgres_->restore_directory(), static_cast<std::uint16_t>(port), sql);
  }

  static bool has_note_starting(const RecordingObserver& observer, const std::string& prefix) {
    return std::any_of(observer.notes.begin(), observer.notes.end(),
                       [&](const std::string& note) { return note.starts_with(prefix); });
  }
};

TEST_F(ParkedCopyTest, TheCopyIsPausedAtTheTargetAndARestoreOnlyPromotesAndVerifiesIt) {
  auto engine = make_engine();
  ASSERT_TRUE(engine->parks_copies());
  const auto checkpoint = parked(*engine, checkpoint_then_change(*engine, "warm1"));
  ASSERT_TRUE(checkpoint.parked_copy);
  const auto& copy = *checkpoint.parked_copy;
  ASSERT_EQ(copy.state, parked_copy_state::parked);
  EXPECT_EQ(fs::path{copy.target}, postgres_->restore_directory() / parked_copy_name("orders", "warm1"));
  EXPECT_GT(copy.disk_bytes, 0U);
  EXPECT_TRUE(copy.parked_at);
  EXPECT_EQ(query_at(copy.port, "SELECT pg_is_in_recovery()"), "t");
  EXPECT_EQ(query_at(copy.port, "SELECT pg_get_wal_replay_pause_state()"), "paused");
  EXPECT_EQ(query_at(copy.port, "SELECT count(*) FROM orders"), "50") << "parked at the checkpoint, not after it";

  RecordingObserver observer;
  auto outcome = run_sync(engine->restore(checkpoint, {}, observer));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->restored_timeline, 2U);
  ASSERT_EQ(observer.targets.size(), 1U);
  EXPECT_EQ(observer.targets.front(), std::make_pair(copy.target, copy.port)) << "the parked copy is the target";
  EXPECT_EQ(observer.phases, (std::vector<std::string>{"started", "promoted", "verified"}));
  EXPECT_TRUE(has_note_starting(observer, "pre-warmed restore: the parked copy " + copy.target));
  EXPECT_TRUE(has_note_starting(observer, "the parked copy, paused before "));
  EXPECT_EQ(query_at(copy.port, "SELECT pg_is_in_recovery()"), "f");
  EXPECT_EQ(query_at(copy.port, "SELECT count(*) FROM orders"), "50");
  EXPECT_EQ(query_at(copy.port, "SELECT count(*) FROM orders WHERE id = 1000"), "0");
  EXPECT_FALSE(fs::exists(postgres_->restore_directory() / restore_object_name("orders", "warm1", 1)))
      << "nothing was copied for a cold restore";
}

TEST_F(ParkedCopyTest, ACopyThatIsNotParkedAtTheTargetFallsBackToTheColdRestore) {
  auto engine = make_engine();
  const auto checkpoint = parked(*engine, checkpoint_then_change(*engine, "warm2"));
  ASSERT_TRUE(checkpoint.parked_copy);
  PostgresInstance::stop_postgres_at(checkpoint.parked_copy->target);  // e.g. stopped by hand, or the host rebooted

  RecordingObserver observer;
  auto outcome = run_sync(engine->restore(checkpoint, {}, observer));
  ASSERT_TRUE(outcome) << outcome.error().message;
  ASSERT_EQ(observer.targets.size(), 1U);
  const auto& [target, port] = observer.targets.front();
  EXPECT_EQ(fs::path{target}, postgres_->restore_directory() / restore_object_name("orders", "warm2", 1));
  EXPECT_EQ(observer.phases,
            (std::vector<std::string>{"started", "base_copied", "recovery_started", "promoted", "verified"}));
  EXPECT_TRUE(has_note_starting(observer, "pre-warmed restore not possible, cold restore instead: the parked copy " +
                                              checkpoint.parked_copy->target +
                                              " is not parked at the target: no "
                                              "PostgreSQL runs in"));
  EXPECT_EQ(query_at(port, "SELECT count(*) FROM orders"), "50");
}

TEST_F(ParkedCopyTest, ARestoreInterruptedAfterChoosingTheCopyPromotesItWhenResumed) {
  auto engine = make_engine();
  auto checkpoint = parked(*engine, checkpoint_then_change(*engine, "warm3"));
  ASSERT_TRUE(checkpoint.parked_copy);
  RecordingObserver interrupted{"started"};  // the daemon died right after recording the target
  ASSERT_FALSE(run_sync(engine->restore(checkpoint, {}, interrupted)));
  checkpoint.restore = interrupted.record();
  ASSERT_TRUE(restore_uses_parked_copy(checkpoint));
  EXPECT_EQ(query_at(checkpoint.parked_copy->port, "SELECT pg_get_wal_replay_pause_state()"), "paused");

  RecordingObserver resumed;
  auto outcome = run_sync(engine->restore(checkpoint, {}, resumed));
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_TRUE(resumed.targets.empty()) << "the recorded target is kept";
  EXPECT_EQ(resumed.phases, (std::vector<std::string>{"started", "promoted", "verified"}));
  EXPECT_EQ(query_at(checkpoint.parked_copy->port, "SELECT count(*) FROM orders"), "50");
}

TEST_F(ParkedCopyTest, RemovalStopsTheCopyAndDeletesItsFilesAndIsIdempotent) {
  auto engine = make_engine();
  const auto checkpoint = parked(*engine, checkpoint_then_change(*engine, "warm4"));
  ASSERT_TRUE(checkpoint.parked_copy);
  const fs::path target{checkpoint.parked_copy->target};
  ASSERT_TRUE(engine::local::postmaster_running(target));

  auto removed = run_sync(engine->remove_parked_copy(checkpoint));
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_FALSE(fs::exists(target));
  EXPECT_FALSE(fs::exists(target.string() + ".log"));
  EXPECT_FALSE(fs::exists(target.string() + ".partial"));
  EXPECT_TRUE(run_sync(engine->remove_parked_copy(checkpoint))) << "a copy already gone is success";
  EXPECT_EQ(postgres_->query_value("SELECT count(*) FROM orders"), "51") << "the source is untouched";
}

TEST_F(ParkedCopyTest, AClusterWithoutPrewarmedRestoreParksNothing) {
  cluster_.local->prewarmed_restore = false;
  EXPECT_FALSE(make_engine()->parks_copies());
}

}  // namespace
}  // namespace ckpt::test
