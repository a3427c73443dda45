// A rollback window is open from the checkpoint becoming ready until its duration has
// passed after the commit; drills have none, and neither do checkpoints that ended
// otherwise. open_rollback_windows counts them per cluster (checkpointd_rollback_windows_open).
#include "core/rollback_window.hpp"

#include <gtest/gtest.h>

#include "core/time_format.hpp"

namespace ckpt {
namespace {

using std::chrono::hours;

TimePoint at(const char* text) {
  return *parse_rfc3339(text);
}

Checkpoint checkpoint(CheckpointState state, const char* cluster = "app") {
  Checkpoint c;
  c.id = "c0000001";
  c.request.cluster = cluster;
  c.request.migration_id = "2026_12_01_add_phone";
  c.request.window = RollbackWindow{hours{24}, "alice", "bob"};
  c.state = state;
  c.created_at = c.updated_at = at("2026-12-01T09:00:00.000000Z");
  return c;
}

Checkpoint committed_at(const char* when) {
  auto c = checkpoint(CheckpointState::committed);
  c.committed_at = at(when);
  return c;
}

TEST(RollbackWindow, IsOpenWhileTheMigrationRunsAndIsWatched) {
  const auto now = at("2026-12-01T10:00:00.000000Z");
  for (const auto state : {CheckpointState::ready, CheckpointState::migrating, CheckpointState::watching}) {
    EXPECT_TRUE(rollback_window_open(checkpoint(state), now)) << to_string(state);
  }
}

TEST(RollbackWindow, ClosesItsDurationAfterTheCommit) {
  const auto c = committed_at("2026-12-01T10:00:00.000000Z");
  EXPECT_EQ(rollback_window_end(c), at("2026-12-02T10:00:00.000000Z"));
  EXPECT_TRUE(rollback_window_open(c, at("2026-12-02T09:59:59.000000Z")));
  EXPECT_FALSE(rollback_window_open(c, at("2026-12-02T10:00:00.000000Z")));
}

TEST(RollbackWindow, ACommitWithoutItsTimeCountsFromTheLastUpdate) {
  auto c = checkpoint(CheckpointState::committed);
  c.updated_at = at("2026-12-01T12:00:00.000000Z");
  EXPECT_EQ(rollback_window_end(c), at("2026-12-02T12:00:00.000000Z"));
}

TEST(RollbackWindow, IsNotOpenForCheckpointsThatEndedOtherwise) {
  const auto now = at("2026-12-01T10:00:00.000000Z");
  for (const auto state : {CheckpointState::backing_up, CheckpointState::closed, CheckpointState::refused,
                           CheckpointState::failed, CheckpointState::restoring, CheckpointState::restored,
                           CheckpointState::restore_failed, CheckpointState::aborted}) {
    EXPECT_FALSE(rollback_window_open(checkpoint(state), now)) << to_string(state);
    EXPECT_FALSE(rollback_window_end(checkpoint(state)).has_value()) << to_string(state);
  }
}

TEST(RollbackWindow, ADrillHasNone) {
  auto drill = checkpoint(CheckpointState::ready);
  drill.request.drill = DrillOrder{};
  EXPECT_FALSE(rollback_window_open(drill, at("2026-12-01T10:00:00.000000Z")));
}

TEST(RollbackWindow, AreCountedPerCluster) {
  const auto now = at("2026-12-01T11:00:00.000000Z");
  const std::vector<Checkpoint> checkpoints{
      checkpoint(CheckpointState::ready), committed_at("2026-12-01T10:00:00.000000Z"),
      committed_at("2026-11-01T10:00:00.000000Z"), checkpoint(CheckpointState::failed),
      checkpoint(CheckpointState::migrating, "billing")};
  EXPECT_EQ(open_rollback_windows(checkpoints, "app", now), 2U);
  EXPECT_EQ(open_rollback_windows(checkpoints, "billing", now), 1U);
  EXPECT_EQ(open_rollback_windows(checkpoints, "orders", now), 0U);
}

}  // namespace
}  // namespace ckpt
