// The restore drill route:
//   POST /v1/drills  {"cluster","by","keep"?}   begins a restore drill of the cluster
// Answers like a begin: 202 with the drill's checkpoint (it goes on to restore into its
// scratch target, verify, measure and remove the target; follow it with GET
// /v1/checkpoints/{id}), 422 with the recorded refusal, 400 for a bad body.
#pragma once

#include "api/router.hpp"
#include "service/drills.hpp"

namespace ckpt::api {

void add_drill_routes(Router& router, service::Drills& drills);

}  // namespace ckpt::api
