#include "cli/waiting.hpp"

#include <algorithm>
#include <optional>
#include <thread>

namespace ckpt::cli {
namespace {

bool is_waiting(const WaitPlan& plan, const Checkpoint& checkpoint) {
  if (std::find(plan.while_in.begin(), plan.while_in.end(), checkpoint.state) != plan.while_in.end()) return true;
  if (plan.while_drill_runs && checkpoint.request.drill && !checkpoint.drill_result) return true;
  const bool watched = checkpoint.state == CheckpointState::migrating || checkpoint.state == CheckpointState::watching;
  return plan.while_watch_works && watched && checkpoint.watch && is_active(checkpoint.watch->stage);
}

bool is_retried(const Error& error) {
  return error.code == ErrorCode::unreachable || error.code == ErrorCode::unavailable;
}

Error deadline_passed(const Checkpoint& last, Millis timeout, const std::optional<Error>& last_error) {
  std::string message = "checkpoint " + last.id + " is still " + std::string{to_string(last.state)} + " after " +
                        format_duration(timeout);
  if (last_error) message += "; the last poll failed: " + last_error->message;
  message += "; the daemon carries on: follow it with 'checkpointctl status " + last.id + " --watch'";
  return make_error(ErrorCode::deadline_exceeded, std::move(message));
}

}  // namespace

WaitClock WaitClock::real() {
  return WaitClock{[] { return std::chrono::steady_clock::now(); },
                   [](Millis duration) { std::this_thread::sleep_for(duration); }};
}

Result<Checkpoint> wait_for_checkpoint(const Checkpoint& initial, const FetchCheckpoint& fetch, const WaitPlan& plan,
                                       const WaitClock& clock, const WaitObserver& observer) {
  const auto started = clock.now();
  Checkpoint last = initial;
  std::optional<Error> last_error;
  Millis pause = plan.first_interval.count() > 0 ? std::min(plan.first_interval, plan.interval) : plan.interval;
  while (is_waiting(plan, last)) {
    const auto waited = std::chrono::duration_cast<Millis>(clock.now() - started);
    if (waited >= plan.timeout) return deadline_passed(last, plan.timeout, last_error);
    clock.sleep(std::min(pause, plan.timeout - waited));
    pause = std::min(pause * 2, plan.interval);
    auto fetched = fetch();
    if (!fetched) {
      if (!is_retried(fetched.error())) return std::move(fetched).error();
      last_error = fetched.error();
      if (observer.retrying) observer.retrying(*last_error);
      continue;
    }
    last_error.reset();
    last = std::move(fetched).value();
    if (observer.polled) observer.polled(last);
  }
  return last;
}

}  // namespace ckpt::cli
