// The migration part of a checkpoint as text: the status summary rows, the progress
// lines while the daemon runs SQL, the failure in one line.
#include "cli/migration_views.hpp"

#include <gtest/gtest.h>

#include "cli/progress.hpp"
#include "cli/table_views.hpp"
#include "client/sample_checkpoints.hpp"

namespace ckpt::cli {
namespace {

std::string after(const std::string& text, const std::string& marker) {
  const auto found = text.find(marker);
  return found == std::string::npos ? std::string{} : text.substr(found);
}

TEST(MigrationViews, StatusShowsTheSqlStepsAndTheFailure) {
  const std::string summary = checkpoint_summary(testing::sql_failed_checkpoint());
  EXPECT_EQ(after(summary, "Migration run:"),
            "Migration run:        sql, started 2026-11-21T06:48:20.000000Z, finished 2026-11-21T06:48:25.400000Z\n"
            "Steps:                001_add_phone.sql     applied       1 statement    0.234s\n"
            "                      002_phone_index.sql   not applied   0 statements   running\n"
            "Failure:              002_phone_index.sql:2: SQLSTATE 55P03: canceling statement due to lock timeout\n")
      << summary;
}

TEST(MigrationViews, StatusShowsAWrappedCommandWithItsExitAndOutput) {
  auto checkpoint = testing::command_ended_checkpoint(137, CheckpointState::failed, "a\nb\n");
  checkpoint.migration->signal = "SIGKILL";
  const std::string summary = checkpoint_summary(checkpoint);
  EXPECT_EQ(after(summary, "Migration run:"),
            "Migration run:        command, started 2026-11-21T06:48:20.000000Z, finished 2026-11-21T06:48:30.000000Z\n"
            "Command:              ./migrate up\n"
            "Exit:                 killed by SIGKILL (exit 137)\n"
            "Output (tail):        a\n"
            "                      b\n"
            "Failure:              the migration command was killed by SIGKILL (exit 137)\n")
      << summary;
}

TEST(MigrationViews, NoMigrationNoRows) {
  EXPECT_EQ(checkpoint_summary(testing::ready_checkpoint()).find("Migration run:"), std::string::npos);
}

TEST(MigrationViews, ProgressShowsOnlyWhatIsNew) {
  const auto one = testing::sql_migrating_checkpoint(1);
  const auto two = testing::sql_migrating_checkpoint(2);
  EXPECT_EQ(progress_lines(one, two),
            (std::vector<std::string>{
                "step 002_phone_index.sql started", "  002_phone_index.sql:2 CREATE INDEX, 0.210s",
                "    notice: index built concurrently", "step 002_phone_index.sql applied (1 statement, 0.234s)"}));
  EXPECT_TRUE(progress_lines(two, two).empty());

  auto running = testing::sql_migrating_checkpoint(1);
  running.migration->steps[0].applied = false;
  running.migration->steps[0].finished_at.reset();
  EXPECT_EQ(progress_lines(running, one),
            (std::vector<std::string>{"step 001_add_phone.sql applied (1 statement, 0.234s)"}));
}

TEST(MigrationViews, FailureText) {
  EXPECT_EQ(migration_failure_text(*testing::sql_migrating_checkpoint(2).migration), "");
  EXPECT_EQ(migration_failure_text(*testing::command_ended_checkpoint(0, CheckpointState::committed, "").migration),
            "");
  EXPECT_EQ(migration_failure_text(*testing::command_ended_checkpoint(2, CheckpointState::failed, "").migration),
            "the migration command exited 2");
  MigrationRecord lost;
  lost.kind = "command";
  lost.failure = MigrationFailure{"", 0, "", "the command's result was never reported", 0};
  EXPECT_EQ(migration_failure_text(lost), "the command's result was never reported");
}

TEST(MigrationViews, LastLines) {
  EXPECT_EQ(last_lines("a\nb\nc\n", 2), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(last_lines("a\nb", 5), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(last_lines("", 3).empty());
}

}  // namespace
}  // namespace ckpt::cli
