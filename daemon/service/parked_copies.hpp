// ParkedCopies: the parked copies of pre-warmed restores (clusters whose engine
// parks_copies(), e.g. local.prewarmed_restore). CheckpointRunner plans a copy when its
// checkpoint becomes ready (recorded with it: state building, target, port, estimated
// disk, before anything is created). A sweep every second:
// - builds each copy recorded building whose build does not run in this process (new,
//   or left by a stopped daemon) while it is still wanted, in the background: recorded
//   parked with the disk it takes once paused at the target, or failed with why. `begin`
//   is never delayed by it;
// - removes every copy core/parked_copy_policy.hpp says to remove (window closed, the
//   checkpoint committed and its window over, restored the cold way, failed to build),
//   recording removed; never while its checkpoint is restoring or its build runs (the
//   removal is recorded first, under the store's lock, only if that still holds). A
//   removal that fails is recorded failed and tried again after 5 s, doubling up to
//   10 min. The sweep runs whatever the configuration, so copies of a cluster whose
//   prewarmed_restore was turned off are removed too.
// A restore that promoted the copy records it used (CheckpointRunner).
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "service/background_tasks.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class ParkedCopies {
 public:
  explicit ParkedCopies(ServiceContext& context) : context_(context), tasks_(context.io) {}

  // Starts the sweep (at daemon start, after the store is open).
  void start();
  void stop() { stopping_ = true; }

 private:
  boost::asio::awaitable<void> sweep_forever();
  boost::asio::awaitable<void> sweep_once();
  boost::asio::awaitable<void> plan(const Checkpoint& checkpoint);
  boost::asio::awaitable<void> build(std::string id);
  boost::asio::awaitable<void> remove(const Checkpoint& checkpoint);
  bool build_running(const std::string& id) const;
  void set_build_running(const std::string& id, bool running);
  bool removal_backing_off(const std::string& id) const;
  // Records how a removal went; after a failure, returns how long until the next try.
  Millis removal_failed(const std::string& id, bool failed);

  struct RemovalRetry {
    Millis backoff{0};
    std::chrono::steady_clock::time_point next_attempt;
  };

  ServiceContext& context_;
  BackgroundTasks tasks_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex building_mutex_;  // guards building_ and removal_retries_
  std::set<std::string> building_;     // ids whose build runs in this process
  std::map<std::string, RemovalRetry> removal_retries_;
};

}  // namespace ckpt::service
