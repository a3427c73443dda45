// Sleeping on a worker thread in a way its owner can cut short with request_stop().
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace ckpt::cnpgemu {

// Sleeps for `duration` (for ever when it is max()); false when a stop was requested.
inline bool sleep_unless_stopped(const std::stop_token& stop, std::chrono::milliseconds duration) {
  std::mutex mutex;
  std::condition_variable_any wakeup;
  std::unique_lock lock{mutex};
  if (duration == std::chrono::milliseconds::max()) {
    wakeup.wait(lock, stop, [] { return false; });
  } else {
    wakeup.wait_for(lock, stop, duration, [] { return false; });
  }
  return !stop.stop_requested();
}

}  // namespace ckpt::cnpgemu
