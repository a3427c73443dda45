// The migration operations behind the API:
// - start (POST /v1/checkpoints/{id}/migration): ready -> migrating. Without a command,
//   the daemon runs the plan's SQL steps (MigrationRunner); with one, checkpointctl runs
//   the job's own tool and gets the database's libpq endpoint back. Starting again the
//   same way while migrating answers the current state (a client's retry). A plan with an
//   `slo` section gets its watch recorded with the transition and followed (SloWatch).
// - finish_command (POST .../migration/result): the wrapped command's end is recorded;
//   exit 0 succeeds, anything else fails (MigrationOutcomes).
#pragma once

#include <string>

#include "codec/requests.hpp"
#include "service/migration_outcomes.hpp"
#include "service/migration_runner.hpp"
#include "service/service_context.hpp"
#include "service/slo_watch.hpp"

namespace ckpt::service {

class MigrationService {
 public:
  MigrationService(ServiceContext& context, MigrationRunner& runner, MigrationOutcomes& outcomes, SloWatch& watch)
      : context_(context), runner_(runner), outcomes_(outcomes), watch_(watch) {}

  boost::asio::awaitable<Result<MigrationStarted>> start(std::string id, MigrationStartRequest request);
  boost::asio::awaitable<Result<Checkpoint>> finish_command(std::string id, CommandResult result);

 private:
  DatabaseEndpoint endpoint_of(const Checkpoint& checkpoint) const;

  ServiceContext& context_;
  MigrationRunner& runner_;
  MigrationOutcomes& outcomes_;
  SloWatch& watch_;
};

}  // namespace ckpt::service
