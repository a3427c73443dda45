// The SLO watch's and the feature flag's routes of a checkpoint:
//   POST /v1/checkpoints/{id}/promote  {"by"}                    a paused watch passes
//   POST /v1/checkpoints/{id}/flag     {"on","scope","by","note"} the plan's flag on/off
// Both answer the checkpoint (200); bodies are decoded strictly (codec/requests.hpp).
#pragma once

#include "api/router.hpp"
#include "service/flag_service.hpp"
#include "service/slo_watch.hpp"

namespace ckpt::api {

void add_watch_routes(Router& router, service::SloWatch& watch, service::FlagService& flags);

}  // namespace ckpt::api
