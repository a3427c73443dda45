// The migration routes of a checkpoint: POST /v1/checkpoints/{id}/migration (start: the
// daemon runs the plan's SQL, or the client wraps a command and gets the database's
// endpoint) and POST /v1/checkpoints/{id}/migration/result (the wrapped command's end).
// Bodies are decoded strictly (codec/requests.hpp).
#pragma once

#include "api/router.hpp"
#include "service/migration_service.hpp"

namespace ckpt::api {

void add_migration_routes(Router& router, service::MigrationService& service);

}  // namespace ckpt::api
