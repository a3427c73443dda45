// The /v1/checkpoints resource: create (begin), get, list, commit, fail, abort,
// restore (with dry_run), events. Decodes request bodies strictly, calls the service
// and encodes its answers; every error body comes from the shared error-code table.
#pragma once

#include "api/router.hpp"
#include "service/checkpoint_service.hpp"

namespace ckpt::api {

void add_checkpoint_routes(Router& router, service::CheckpointService& service);

}  // namespace ckpt::api
