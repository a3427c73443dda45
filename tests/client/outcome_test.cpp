// Exit codes: errors map through proto's table, states per command, and the error line.
#include "cli/outcome.hpp"

#include <gtest/gtest.h>

namespace ckpt::cli {
namespace {

TEST(Outcome, ErrorsUseTheTablesExitCodes) {
  EXPECT_EQ(exit_code_for(make_error(ErrorCode::bad_request, "x")), proto::kExitUsage);
  EXPECT_EQ(exit_code_for(make_error(ErrorCode::refused, "x")), 3);
  EXPECT_EQ(exit_code_for(make_error(ErrorCode::failed, "x")), 4);
  EXPECT_EQ(exit_code_for(make_error(ErrorCode::deadline_exceeded, "x")), 4);
  EXPECT_EQ(exit_code_for(make_error(ErrorCode::not_found, "x")), 5);
  EXPECT_EQ(exit_code_for(make_error(ErrorCode::unreachable, "x")), 6);
  EXPECT_EQ(exit_code_for(make_error(ErrorCode::conflict, "x")), 7);
  EXPECT_EQ(exit_code_for(make_error(ErrorCode::unauthorized, "x")), 8);
  for (const auto& spec : proto::error_table()) {
    EXPECT_EQ(exit_code_for(make_error(spec.code, "x")), spec.exit_code) << spec.name;
  }
}

TEST(Outcome, StatesForStatusAndRestores) {
  using S = CheckpointState;
  for (const S state : {S::backing_up, S::ready, S::migrating, S::watching, S::committed, S::closed, S::restoring,
                        S::restored, S::aborted}) {
    EXPECT_EQ(exit_code_for_state(state), 0) << to_string(state);
  }
  EXPECT_EQ(exit_code_for_state(S::refused), 3);
  EXPECT_EQ(exit_code_for_state(S::failed), 4);
  EXPECT_EQ(exit_code_for_state(S::restore_failed), 4);
}

TEST(Outcome, BeginSucceedsOnlyWhenReady) {
  using S = CheckpointState;
  EXPECT_EQ(exit_code_after_begin(S::ready), 0);
  EXPECT_EQ(exit_code_after_begin(S::refused), 3);
  for (const S state : {S::backing_up, S::aborted, S::failed, S::committed}) {
    EXPECT_EQ(exit_code_after_begin(state), 4) << to_string(state);
  }
}

TEST(Outcome, ErrorLine) {
  EXPECT_EQ(error_line(make_error(ErrorCode::conflict, "checkpoint ck-1 is closed")),
            "checkpointctl: checkpoint ck-1 is closed");
  EXPECT_EQ(error_line(make_error(ErrorCode::refused, "WAL archiving is failing", "wal_archive_failing")),
            "checkpointctl: WAL archiving is failing (reason: wal_archive_failing)");
}

}  // namespace
}  // namespace ckpt::cli
