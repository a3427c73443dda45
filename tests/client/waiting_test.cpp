// wait_for_checkpoint with a scripted fetch and a fake clock: the polling interval, the
// deadline, retries while the daemon is unreachable, and errors that end the wait.
#include "cli/waiting.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "client/sample_checkpoints.hpp"

namespace ckpt::cli {
namespace {

using namespace std::chrono_literals;

// Answers each fetch with the next scripted result; the last one repeats.
class ScriptedFetch {
 public:
  explicit ScriptedFetch(std::deque<Result<Checkpoint>> answers) : answers_(std::move(answers)) {}
  FetchCheckpoint function() {
    return [this]() -> Result<Checkpoint> {
      ++calls_;
      Result<Checkpoint> answer = answers_.front();
      if (answers_.size() > 1) answers_.pop_front();
      return answer;
    };
  }
  int calls() const { return calls_; }

 private:
  std::deque<Result<Checkpoint>> answers_;
  int calls_ = 0;
};

const WaitPlan kBeginPlan{.while_in = {CheckpointState::backing_up}, .interval = 250ms, .timeout = 35min};

TEST(Waiting, AFirstIntervalStartsFastAndDoublesUpToTheInterval) {
  std::vector<Result<Checkpoint>> answers(6, testing::backing_up_checkpoint());
  answers.push_back(testing::ready_checkpoint());
  ScriptedFetch fetch{{answers.begin(), answers.end()}};
  testing::FakeWaitClock clock;
  WaitPlan plan = kBeginPlan;
  plan.first_interval = 20ms;
  const auto result = wait_for_checkpoint(testing::backing_up_checkpoint(), fetch.function(), plan, clock.clock());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->state, CheckpointState::ready);
  EXPECT_EQ(clock.sleeps(), (std::vector<Millis>{20ms, 40ms, 80ms, 160ms, 250ms, 250ms, 250ms}));
}

TEST(Waiting, BackupBecomesReady) {
  ScriptedFetch fetch{{testing::backing_up_checkpoint(), testing::backing_up_checkpoint(), testing::ready_checkpoint()}};
  testing::FakeWaitClock clock;
  std::vector<CheckpointState> seen;
  const auto result = wait_for_checkpoint(testing::backing_up_checkpoint(), fetch.function(), kBeginPlan,
                                          clock.clock(), {.polled = [&](const Checkpoint& c) { seen.push_back(c.state); }, .retrying = {}});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->state, CheckpointState::ready);
  EXPECT_EQ(fetch.calls(), 3);
  EXPECT_EQ(clock.sleeps(), (std::vector<Millis>{250ms, 250ms, 250ms}));
  EXPECT_EQ(seen, (std::vector<CheckpointState>{CheckpointState::backing_up, CheckpointState::backing_up,
                                                CheckpointState::ready}));
}

TEST(Waiting, BackupIsRefused) {
  ScriptedFetch fetch{{testing::backing_up_checkpoint(), testing::refused_checkpoint()}};
  testing::FakeWaitClock clock;
  const auto result = wait_for_checkpoint(testing::backing_up_checkpoint(), fetch.function(), kBeginPlan, clock.clock());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->state, CheckpointState::refused);
  EXPECT_EQ(result->reason, "wal_archive_failing");
}

TEST(Waiting, NothingToWaitForReturnsAtOnce) {
  ScriptedFetch fetch{{testing::ready_checkpoint()}};
  testing::FakeWaitClock clock;
  const auto result = wait_for_checkpoint(testing::refused_checkpoint(), fetch.function(), kBeginPlan, clock.clock());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->state, CheckpointState::refused);
  EXPECT_EQ(fetch.calls(), 0);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST(Waiting, RestoringToRestoredThroughItsPhases) {
  ScriptedFetch fetch{{testing::restoring_checkpoint(2), testing::restoring_checkpoint(4), testing::restored_checkpoint()}};
  testing::FakeWaitClock clock;
  std::vector<std::size_t> phase_counts;
  const WaitPlan plan{.while_in = {CheckpointState::restoring}, .interval = 250ms, .timeout = 2h};
  const auto result =
      wait_for_checkpoint(testing::restoring_checkpoint(1), fetch.function(), plan, clock.clock(),
                          {.polled = [&](const Checkpoint& c) { phase_counts.push_back(c.restore->phases.size()); },
                           .retrying = {}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->state, CheckpointState::restored);
  EXPECT_EQ(phase_counts, (std::vector<std::size_t>{2, 4, 5}));
}

TEST(Waiting, DeadlineNamesTheCheckpointAndHowToFollowIt) {
  ScriptedFetch fetch{{testing::backing_up_checkpoint()}};
  testing::FakeWaitClock clock;
  const WaitPlan plan{.while_in = {CheckpointState::backing_up}, .interval = 400ms, .timeout = 1s};
  const auto result = wait_for_checkpoint(testing::backing_up_checkpoint(), fetch.function(), plan, clock.clock());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::deadline_exceeded);
  EXPECT_EQ(result.error().message,
            "checkpoint ck-7f3a is still backing_up after 1s; the daemon carries on: follow it with "
            "'checkpointctl status ck-7f3a --watch'");
  // The last sleep is cut to the deadline.
  EXPECT_EQ(clock.sleeps(), (std::vector<Millis>{400ms, 400ms, 200ms}));
  EXPECT_EQ(clock.elapsed(), 1s);
}

TEST(Waiting, UnreachableDaemonIsRetriedUntilItAnswers) {
  const Error unreachable = make_error(ErrorCode::unreachable, "cannot reach checkpointd at unix:///x: connect: refused");
  ScriptedFetch fetch{{unreachable, unreachable, testing::ready_checkpoint()}};
  testing::FakeWaitClock clock;
  int retries = 0;
  const auto result = wait_for_checkpoint(testing::backing_up_checkpoint(), fetch.function(), kBeginPlan, clock.clock(),
                                          {.polled = {}, .retrying = [&](const Error&) { ++retries; }});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->state, CheckpointState::ready);
  EXPECT_EQ(retries, 2);
}

TEST(Waiting, UnreachableUntilTheDeadlineSaysSo) {
  ScriptedFetch fetch{{make_error(ErrorCode::unavailable, "daemon is shutting down")}};
  testing::FakeWaitClock clock;
  const WaitPlan plan{.while_in = {CheckpointState::backing_up}, .interval = 250ms, .timeout = 1s};
  const auto result = wait_for_checkpoint(testing::backing_up_checkpoint(), fetch.function(), plan, clock.clock());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::deadline_exceeded);
  EXPECT_NE(result.error().message.find("the last poll failed: daemon is shutting down"), std::string::npos)
      << result.error().message;
}

TEST(Waiting, OtherErrorsEndTheWait) {
  ScriptedFetch fetch{{make_error(ErrorCode::not_found, "no checkpoint 'ck-7f3a'")}};
  testing::FakeWaitClock clock;
  const auto result = wait_for_checkpoint(testing::backing_up_checkpoint(), fetch.function(), kBeginPlan, clock.clock());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::not_found);
  EXPECT_EQ(fetch.calls(), 1);
}

TEST(Waiting, LongWaitsPollUntilTheEnd) {
  std::deque<Result<Checkpoint>> answers(100, testing::backing_up_checkpoint());
  answers.push_back(testing::ready_checkpoint());
  ScriptedFetch fetch{answers};
  testing::FakeWaitClock clock;
  const WaitPlan plan{.while_in = {CheckpointState::backing_up}, .interval = 500ms, .timeout = 2h};
  const auto result = wait_for_checkpoint(testing::backing_up_checkpoint(), fetch.function(), plan, clock.clock());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->state, CheckpointState::ready);
  EXPECT_EQ(clock.elapsed(), 101 * 500ms);
}

}  // namespace
}  // namespace ckpt::cli
