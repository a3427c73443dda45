// The daemon's SQL migration runner: the plan's SQL files, in order, on one database
// session per migration (pg/migration_session.hpp) with the plan's lock_timeout and
// statement_timeout and application_name "checkpointd/<checkpoint id>", off the IO
// threads. A file runs in one transaction with its history row, or statement by
// statement when the plan says `transaction: false`.
//
// Durability: a step is recorded as started before it runs and as applied (with each
// statement's duration, command tag, rows and notices) after it commits. A restarted
// daemon resumes every `migrating` SQL checkpoint: the history table decides what ran,
// so no file is applied twice; a step the journal missed is filled in from the
// history row's evidence. A failing statement fails the checkpoint with PostgreSQL's
// error (MigrationOutcomes::failed, which restores when the cluster auto-restores).
//
// stop() (daemon shutdown) cancels running statements through pg_cancel_backend and
// records nothing: the checkpoint stays `migrating` and resumes on the next start.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "pg/conninfo.hpp"
#include "service/background_tasks.hpp"
#include "service/migration_outcomes.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class MigrationRunner {
 public:
  MigrationRunner(ServiceContext& context, MigrationOutcomes& outcomes)
      : context_(context), outcomes_(outcomes), tasks_(context.io) {}

  // Runs the SQL steps of a checkpoint in state `migrating` (kind sql).
  void start(std::string checkpoint_id);
  // Restarts the runner of every checkpoint left `migrating` with kind sql.
  void resume();
  // Cancels the statements running now; their checkpoints resume on the next start.
  void stop();

  int running() const { return tasks_.running(); }

 private:
  struct Backend {
    pg::ConnParams params;
    int pid = 0;
  };

  boost::asio::awaitable<void> pipeline(std::string id);
  void register_backend(const std::string& id, Backend backend);
  void forget_backend(const std::string& id);

  ServiceContext& context_;
  MigrationOutcomes& outcomes_;
  BackgroundTasks tasks_;
  std::atomic<bool> stopping_{false};
  std::mutex backends_mutex_;
  std::map<std::string, Backend> backends_;
};

}  // namespace ckpt::service
