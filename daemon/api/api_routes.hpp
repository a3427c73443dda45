// Every route of the daemon's HTTP API on one router: /v1/checkpoints and its migration
// routes, /healthz, /readyz and /metrics. proto/openapi.yaml documents the same set.
#pragma once

#include <atomic>

#include "api/router.hpp"
#include "obs/metrics.hpp"
#include "service/services.hpp"

namespace ckpt::api {

void add_api_routes(Router& router, service::Services& services, const obs::Metrics& metrics,
                    const std::atomic<bool>& ready);

}  // namespace ckpt::api
