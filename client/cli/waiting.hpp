// Waiting for a checkpoint to leave its in-progress states by polling the daemon.
// Every wait has a deadline. The clock and the sleep are injected so tests run without real time, and
// the fetch is a plain function so tests run without a daemon. While the daemon is
// unreachable or unavailable (restarting) polling goes on until the deadline; any
// other error ends the wait at once.
#pragma once

#include <chrono>
#include <functional>
#include <vector>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::cli {

struct WaitClock {
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(Millis)> sleep;

  // steady_clock and std::this_thread::sleep_for.
  static WaitClock real();
};

struct WaitPlan {
  std::vector<CheckpointState> while_in;  // keep polling while the state is one of these
  // Also keep polling while the checkpoint's SLO watch has work of its own (measuring,
  // turning the flag off, rechecking, checking data, restoring).
  bool while_watch_works = false;
  // Also keep polling while a restore drill has no conclusion yet (drill_result).
  bool while_drill_runs = false;
  Millis interval{250};
  // When set, the first poll comes after this and each wait doubles up to `interval`: a
  // state that changes within moments is seen within moments.
  Millis first_interval{0};
  Millis timeout{0};  // deadline of the whole wait
};

struct WaitObserver {
  // Called with every checkpoint fetched while waiting (not with the initial one).
  std::function<void(const Checkpoint&)> polled;
  // Called when a poll failed with an error that is retried (unreachable, unavailable).
  std::function<void(const Error&)> retrying;
};

using FetchCheckpoint = std::function<Result<Checkpoint>()>;

// Returns `initial` when it is not in a state (or watch) the plan waits for; otherwise polls `fetch`
// every plan.interval (after a faster start with plan.first_interval) and returns the first checkpoint in another state. A deadline
// that passes first is a deadline_exceeded error naming the checkpoint, its last
// state and how to keep following it.
Result<Checkpoint> wait_for_checkpoint(const Checkpoint& initial, const FetchCheckpoint& fetch, const WaitPlan& plan,
                                       const WaitClock& clock, const WaitObserver& observer = {});

}  // namespace ckpt::cli
