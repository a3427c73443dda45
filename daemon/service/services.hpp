// The service layer wired together over one ServiceContext: the checkpoint operations and
// pipelines, and the migration operations and runner. The daemon's composition root and
// the tests build it the same way. resume() restarts what a stopped daemon left in flight;
// stop() cancels the migrations' running statements at shutdown.
#pragma once

#include "service/checkpoint_runner.hpp"
#include "service/checkpoint_service.hpp"
#include "service/migration_outcomes.hpp"
#include "service/migration_runner.hpp"
#include "service/migration_service.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

struct Services {
  explicit Services(ServiceContext& context)
      : runner(context),
        checkpoints(context, runner),
        migration_outcomes(context, checkpoints),
        migration_runner(context, migration_outcomes),
        migrations(context, migration_runner, migration_outcomes) {}

  void resume() {
    runner.resume();
    migration_runner.resume();
  }
  void stop() { migration_runner.stop(); }

  CheckpointRunner runner;
  CheckpointService checkpoints;
  MigrationOutcomes migration_outcomes;
  MigrationRunner migration_runner;
  MigrationService migrations;
};

}  // namespace ckpt::service
