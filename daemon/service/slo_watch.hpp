// SloWatch: the SLO watch of checkpoints whose plan has an `slo` section, and the rollback
// ladder it walks (docs/slo.md). One follower per checkpoint, from the migration's start
// through its window:
//   measuring      the plan's metrics, each when next_measurement_at() says, every
//                  measurement recorded (durably) before the run is assessed again; the
//                  run passes when the window after the migration is over with no metric
//                  Failed, Error or Inconclusive.
//   passed         commits the checkpoint when the plan's commit is automatic, else it
//                  waits in `watching` for a person's commit.
//   otherwise      core/ladder.hpp next_rung() decides, and the rung is recorded before it
//                  acts: flag_off (every scope, then a recheck run: recovered -> the
//                  schema stays, no restore), check_data (the plan's data checks, once),
//                  restore (the checkpoint fails; the cluster's auto_restore restores it),
//                  pause (a person: `checkpointctl promote` or `fail`).
// A follower stops when the checkpoint leaves migrating/watching (committed, failed by a
// person) or the watch waits for a person. resume() restarts the followers of a daemon that
// stopped; because every step is recorded before and after it acts, a restarted watch
// neither repeats a flag change that was recorded nor a restore that started.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "core/ladder.hpp"
#include "service/background_tasks.hpp"
#include "service/checkpoint_service.hpp"
#include "service/flag_service.hpp"
#include "service/service_context.hpp"
#include "service/slo_measurements.hpp"

namespace ckpt::service {

class SloWatch {
 public:
  SloWatch(ServiceContext& context, CheckpointService& checkpoints, SloMeasurements& measurements, FlagService& flags)
      : context_(context), checkpoints_(checkpoints), measurements_(measurements), flags_(flags), tasks_(context.io) {}

  // Follows checkpoint `id` unless it is followed already.
  void start(const std::string& id);
  // Follows every migrating or watching checkpoint whose watch has work to do.
  void resume();
  // Followers stop at their next step; the watch resumes on the next start.
  void stop() { stopping_ = true; }

  // A paused watch treated as passed by a person: recorded, then committed when the
  // plan's commit is automatic and the migration finished. conflict unless paused.
  boost::asio::awaitable<Result<Checkpoint>> promote(std::string id, std::string by);

  int running() const { return tasks_.running(); }

 private:
  boost::asio::awaitable<void> follow(std::string id);
  // One step of the watch; when to look again (nullopt: the follower stops).
  boost::asio::awaitable<std::optional<TimePoint>> advance(const Checkpoint& checkpoint);
  boost::asio::awaitable<std::optional<TimePoint>> measure(const Checkpoint& checkpoint);
  boost::asio::awaitable<void> conclude(const Checkpoint& checkpoint, const RunAssessment& assessment);
  boost::asio::awaitable<void> take_rung(const Checkpoint& checkpoint, const RungDecision& decision);
  boost::asio::awaitable<void> turn_flag_off(const Checkpoint& checkpoint);
  boost::asio::awaitable<void> check_data(const Checkpoint& checkpoint);
  boost::asio::awaitable<void> restore(const Checkpoint& checkpoint);
  boost::asio::awaitable<void> commit_if_automatic(const Checkpoint& checkpoint, const std::string& why);
  // A change of the watch and its timeline event.
  struct Change {
    CheckpointStore::Mutation mutate;
    std::string type;
    std::string message;
  };
  // Records `change` durably. Takes references: callers pass named objects (GCC 12
  // mishandles temporaries passed by value into a co_await expression).
  boost::asio::awaitable<Result<Checkpoint>> record(const std::string& id, const Change& change);
  void forget(const std::string& id);

  ServiceContext& context_;
  CheckpointService& checkpoints_;
  SloMeasurements& measurements_;
  FlagService& flags_;
  BackgroundTasks tasks_;
  std::atomic<bool> stopping_{false};
  std::mutex following_mutex_;
  std::set<std::string> following_;
};

// Whether the checkpoint has a watch with work of its own (an active stage) in a state
// where the watch runs.
bool watch_has_work(const Checkpoint& checkpoint);

}  // namespace ckpt::service
