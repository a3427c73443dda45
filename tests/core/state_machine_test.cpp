#include "core/state_machine.hpp"

#include <gtest/gtest.h>

namespace ckpt {
namespace {

using S = CheckpointState;

TEST(StateMachine, HappyPathToClosed) {
  EXPECT_EQ(next_state(S::backing_up, Action::become_ready).value(), S::ready);
  EXPECT_EQ(next_state(S::ready, Action::start_migration).value(), S::migrating);
  EXPECT_EQ(next_state(S::migrating, Action::start_watching).value(), S::watching);
  EXPECT_EQ(next_state(S::watching, Action::commit).value(), S::committed);
  EXPECT_EQ(next_state(S::committed, Action::close).value(), S::closed);
}

TEST(StateMachine, FailureLeadsToRestore) {
  EXPECT_EQ(next_state(S::ready, Action::fail).value(), S::failed);
  EXPECT_EQ(next_state(S::committed, Action::fail).value(), S::failed);
  EXPECT_EQ(next_state(S::failed, Action::start_restore).value(), S::restoring);
  EXPECT_EQ(next_state(S::restoring, Action::finish_restore).value(), S::restored);
  EXPECT_EQ(next_state(S::restoring, Action::fail_restore).value(), S::restore_failed);
  EXPECT_EQ(next_state(S::restore_failed, Action::start_restore).value(), S::restoring);
}

TEST(StateMachine, RestoreCannotStartTwice) {
  auto again = next_state(S::restoring, Action::start_restore);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().message,
            "cannot restore a checkpoint in state 'restoring' (allowed from: ready, migrating, watching, "
            "committed, closed, failed, restore_failed)");
}

TEST(StateMachine, ACheckpointThatNeverBecameReadyCannotBeRestoredOrCommitted) {
  EXPECT_FALSE(next_state(S::backing_up, Action::start_restore));
  EXPECT_FALSE(next_state(S::refused, Action::start_restore));
  EXPECT_FALSE(next_state(S::backing_up, Action::commit));
  EXPECT_EQ(next_state(S::backing_up, Action::commit).error().message,
            "cannot commit a checkpoint in state 'backing_up' (allowed from: ready, migrating, watching)");
}

TEST(StateMachine, AbortOnlyBeforeTheMigrationRan) {
  EXPECT_EQ(next_state(S::backing_up, Action::abort).value(), S::aborted);
  EXPECT_EQ(next_state(S::ready, Action::abort).value(), S::aborted);
  EXPECT_FALSE(next_state(S::migrating, Action::abort));
  EXPECT_FALSE(next_state(S::committed, Action::abort));
}

TEST(StateMachine, TerminalStatesAcceptNothingButRestoreWhereSafe) {
  for (auto action : {Action::become_ready, Action::commit, Action::fail, Action::abort, Action::finish_restore}) {
    EXPECT_FALSE(next_state(S::restored, action)) << to_string(action);
    EXPECT_FALSE(next_state(S::refused, action)) << to_string(action);
    EXPECT_FALSE(next_state(S::aborted, action)) << to_string(action);
  }
  EXPECT_TRUE(is_terminal(S::restored));
  EXPECT_FALSE(is_terminal(S::restore_failed));
}

TEST(StateMachine, ClusterIsHeldWhileMigrationOrRestoreRuns) {
  EXPECT_TRUE(holds_cluster(S::backing_up));
  EXPECT_TRUE(holds_cluster(S::restoring));
  EXPECT_FALSE(holds_cluster(S::committed));
  EXPECT_FALSE(holds_cluster(S::failed));
}

TEST(CheckpointState, NamesRoundTrip) {
  for (auto state : {S::backing_up, S::ready, S::migrating, S::watching, S::committed, S::closed, S::refused,
                     S::failed, S::restoring, S::restored, S::restore_failed, S::aborted}) {
    EXPECT_EQ(checkpoint_state_from(to_string(state)), state);
  }
  EXPECT_FALSE(checkpoint_state_from("Ready"));
}

}  // namespace
}  // namespace ckpt
