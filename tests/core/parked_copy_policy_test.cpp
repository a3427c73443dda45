// A pre-warmed restore's parked copy stays while a restore to its checkpoint may come
// (rollback window open, restore running, for the window's duration after a failure),
// is removed otherwise or when its build failed, and is never removed once a restore
// promoted it (used: the restored instance).
#include "core/parked_copy_policy.hpp"

#include <gtest/gtest.h>

#include "core/time_format.hpp"

namespace ckpt {
namespace {

using std::chrono::hours;

TimePoint at(const char* text) {
  return *parse_rfc3339(text);
}

Checkpoint with_copy(CheckpointState state, std::string_view copy_state = parked_copy_state::parked) {
  Checkpoint c;
  c.id = "c0000001";
  c.request.cluster = "app";
  c.request.window = RollbackWindow{hours{24}, "alice", "bob"};
  c.state = state;
  c.created_at = c.updated_at = at("2026-12-01T09:00:00.000000Z");
  c.parked_copy = ParkedCopy{std::string{copy_state}, "/srv/restores/app-parked-c0000001", 40001, 0, 0, {}, {}};
  return c;
}

const TimePoint kSoon = at("2026-12-01T10:00:00.000000Z");
const TimePoint kTwoDaysLater = at("2026-12-03T10:00:00.000000Z");

TEST(ParkedCopyPolicy, StaysWhileTheRollbackWindowIsOpen) {
  for (const auto state : {CheckpointState::ready, CheckpointState::migrating, CheckpointState::watching}) {
    EXPECT_TRUE(parked_copy_wanted(with_copy(state), kTwoDaysLater)) << to_string(state);
    EXPECT_FALSE(parked_copy_to_remove(with_copy(state), kTwoDaysLater)) << to_string(state);
  }
  auto committed = with_copy(CheckpointState::committed);
  committed.committed_at = at("2026-12-01T09:30:00.000000Z");
  EXPECT_FALSE(parked_copy_to_remove(committed, kSoon));
  EXPECT_TRUE(parked_copy_to_remove(committed, kTwoDaysLater)) << "the window closed 24 h after the commit";
}

TEST(ParkedCopyPolicy, StaysDuringARestoreAndForTheWindowAfterAFailure) {
  EXPECT_FALSE(parked_copy_to_remove(with_copy(CheckpointState::restoring), kTwoDaysLater));
  for (const auto state : {CheckpointState::failed, CheckpointState::restore_failed}) {
    EXPECT_FALSE(parked_copy_to_remove(with_copy(state), kSoon)) << to_string(state);
    EXPECT_TRUE(parked_copy_to_remove(with_copy(state), kTwoDaysLater)) << to_string(state);
  }
}

TEST(ParkedCopyPolicy, IsRemovedWhenNoRestoreCanComeOrItsBuildFailed) {
  for (const auto state : {CheckpointState::aborted, CheckpointState::closed, CheckpointState::restored}) {
    EXPECT_TRUE(parked_copy_to_remove(with_copy(state), kSoon)) << to_string(state);
  }
  EXPECT_TRUE(parked_copy_to_remove(with_copy(CheckpointState::ready, parked_copy_state::failed), kSoon));
  EXPECT_FALSE(parked_copy_to_remove(with_copy(CheckpointState::aborted, parked_copy_state::removed), kSoon))
      << "already removed";
  auto drill = with_copy(CheckpointState::ready);
  drill.request.drill = DrillOrder{};
  EXPECT_FALSE(parked_copy_wanted(drill, kSoon));
}

TEST(ParkedCopyPolicy, ACopyARestorePromotedIsTheRestoredInstanceAndIsNeverRemoved) {
  auto restored = with_copy(CheckpointState::restored, parked_copy_state::used);
  restored.restore = RestoreRecord{};
  restored.restore->target = restored.parked_copy->target;
  EXPECT_TRUE(restore_uses_parked_copy(restored));
  EXPECT_EQ(restore_path_of(restored), "pre-warmed");
  EXPECT_FALSE(parked_copy_to_remove(restored, kTwoDaysLater));
  restored.parked_copy->state = parked_copy_state::parked;  // not yet recorded used
  EXPECT_FALSE(parked_copy_to_remove(restored, kTwoDaysLater));

  auto cold = with_copy(CheckpointState::restored);
  cold.restore = RestoreRecord{};
  cold.restore->target = "/srv/restores/app-pitr-c0000001-1";
  EXPECT_EQ(restore_path_of(cold), "cold");
  EXPECT_TRUE(parked_copy_to_remove(cold, kSoon));
}

TEST(ParkedCopyPolicy, ItsDiskIsTheBaseBackupPlusTheWalToTheTarget) {
  BackupInfo backup;
  backup.size_bytes = 100U << 20U;
  backup.begin_lsn = Lsn{0x3000000};
  EXPECT_EQ(parked_copy_bytes(backup, Lsn{0x3000000 + (20U << 20U)}), 120U << 20U);
  EXPECT_EQ(parked_copy_bytes(backup, Lsn{0x1000}), 100U << 20U) << "a target before the backup adds nothing";
  EXPECT_EQ(describe_disk(120U << 20U), "120 MiB");
  EXPECT_EQ(describe_disk(1), "1 MiB");
}

}  // namespace
}  // namespace ckpt
