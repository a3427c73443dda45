// How a migration ends, the same for SQL run by the daemon and for a wrapped command:
// - succeeded: migrating -> watching ("the migration finished"); a plan with an SLO watch
//   has its window start now, and the watch (service/slo_watch.hpp) commits when it passes;
//   without one the checkpoint is committed at once when the plan's commit is automatic,
//   else it waits in `watching` for a person (checkpointctl commit / fail).
// - failed: the failure is recorded on the migration, then the checkpoint fails through
//   CheckpointService::fail, which restores at once when the cluster auto-restores.
// Both record the migration's duration (checkpointd_migration_duration_seconds).
#pragma once

#include <string>

#include "service/checkpoint_service.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class MigrationOutcomes {
 public:
  MigrationOutcomes(ServiceContext& context, CheckpointService& checkpoints)
      : context_(context), checkpoints_(checkpoints) {}

  boost::asio::awaitable<Result<Checkpoint>> succeeded(const std::string& id);
  boost::asio::awaitable<Result<Checkpoint>> failed(const std::string& id, const MigrationFailure& failure);

 private:
  void observe_duration(const Checkpoint& checkpoint, TimePoint now);

  ServiceContext& context_;
  CheckpointService& checkpoints_;
};

// "001_add.sql:3: lock timeout (SQLSTATE 55P03)" / "the command failed: ...".
std::string describe(const MigrationFailure& failure);

}  // namespace ckpt::service
