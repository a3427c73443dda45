// The background work of a checkpoint: the backup pipeline (backing_up -> ready |
// refused) and the restore pipeline (restoring -> restored | restore_failed). Each
// pipeline is a coroutine spawned on the IO executor; every step is recorded in the
// store before the next acts, so `resume()` after a restart continues in-flight
// checkpoints and restores where they stopped, through the engines' idempotent steps.
#pragma once

#include <string>

#include "engine/engine.hpp"
#include "service/background_tasks.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class CheckpointRunner {
 public:
  explicit CheckpointRunner(ServiceContext& context) : context_(context), tasks_(context.io) {}

  // Starts the backup pipeline of a checkpoint in state backing_up.
  void start_backup(std::string checkpoint_id);
  // Starts the restore pipeline of a checkpoint in state restoring.
  void start_restore(std::string checkpoint_id, engine::RestoreOptions options);
  // Restarts the pipelines of every checkpoint left backing_up or restoring.
  void resume();

  int running() const { return tasks_.running(); }

 private:
  boost::asio::awaitable<void> backup_pipeline(std::string id);
  boost::asio::awaitable<void> restore_pipeline(std::string id, engine::RestoreOptions options);
  boost::asio::awaitable<void> refuse(const std::string& id, const std::string& cluster, const Error& error);

  ServiceContext& context_;
  BackgroundTasks tasks_;
};

}  // namespace ckpt::service
