// Operational endpoints: /healthz (the process answers), /readyz (state loaded,
// listeners up, not shutting down) and /metrics (Prometheus text format).
#pragma once

#include <atomic>

#include "api/router.hpp"
#include "obs/metrics.hpp"

namespace ckpt::api {

void add_ops_routes(Router& router, const obs::Metrics& metrics, const std::atomic<bool>& ready);

}  // namespace ckpt::api
