// GET /v1/checkpoints/{id}/evidence: the checkpoint's evidence package as sealed JSON
// (codec/evidence_json.hpp, docs/evidence.md); 404 naming the id when there is no such
// checkpoint.
#pragma once

#include "api/router.hpp"
#include "service/evidence_service.hpp"

namespace ckpt::api {

void add_evidence_routes(Router& router, service::EvidenceService& evidence);

}  // namespace ckpt::api
