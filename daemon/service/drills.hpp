// Drills: restore drills of a cluster (docs/runbook.md "Restore drills"). A drill is a
// checkpoint without a migration (BeginRequest::drill) that walks, one follower per drill:
//   backing_up -> ready          the backup pipeline, as for any checkpoint
//   ready -> restoring           restored at once into its scratch target
//                                (<cluster>-drill-<id>), trigger "drill"
//   restored                     verified and measured by the restore pipeline; the scratch
//                                target is removed (Engine::remove_drill_target) unless kept
//   restore_failed, refused      a failed drill; a failed restore's target stays for forensics
// Its conclusion is recorded once (Checkpoint::drill_result, a "drill" event) and counted
// in the drill metrics. Every step is recorded before the next acts, so resume() after a
// restart continues each unfinished drill without a second restore or removal.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <mutex>
#include <set>
#include <string>
#include <variant>

#include "codec/requests.hpp"
#include "service/background_tasks.hpp"
#include "service/checkpoint_service.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class Drills {
 public:
  Drills(ServiceContext& context, CheckpointService& checkpoints)
      : context_(context), checkpoints_(checkpoints), tasks_(context.io) {}

  // Begins a drill of request.cluster (`trigger` manual | schedule) and follows it. A
  // refused begin is recorded and concluded as a failed drill, like any refusal.
  boost::asio::awaitable<std::variant<BeginOutcome, Refusal, Error>> start(const DrillRequest& request,
                                                                           const std::string& trigger);
  // Follows every drill without a conclusion; exports the last successful drill of each
  // cluster and each cluster's RTO budget, which a drill's duration is judged against.
  void resume();
  void stop() { stopping_ = true; }

  int running() const { return tasks_.running(); }

 private:
  void follow(const std::string& id);
  boost::asio::awaitable<void> run(std::string id);
  // One step of the drill; false once it is concluded (or cannot go on).
  boost::asio::awaitable<bool> advance(const Checkpoint& checkpoint);
  boost::asio::awaitable<void> finish_restored(const Checkpoint& checkpoint);
  boost::asio::awaitable<void> conclude(const Checkpoint& checkpoint, const DrillResult& result);
  void forget(const std::string& id);

  ServiceContext& context_;
  CheckpointService& checkpoints_;
  BackgroundTasks tasks_;
  std::atomic<bool> stopping_{false};
  std::mutex following_mutex_;
  std::set<std::string> following_;
};

}  // namespace ckpt::service
