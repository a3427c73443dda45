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
//   removal is recorded first, under the store's lock, only if that still holds).
// A restore that promoted the copy records it used (CheckpointRunner).
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
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

  ServiceContext& context_;
  BackgroundTasks tasks_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex building_mutex_;
  std::set<std::string> building_;  // ids whose build runs in this process
};

}  // namespace ckpt::service
