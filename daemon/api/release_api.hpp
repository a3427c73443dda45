// The release review's routes:
//   POST /v1/checkpoints/{id}/approve  {"by","note"?}   the window's approver approves
//   GET  /v1/go-no-go?cluster=C&migration_id=M          the contract step's checklist
// The go/no-go answers 200 with {"go", "items"} whatever the verdict (it is a computed
// answer, not an error); an unknown cluster is 404, a missing parameter 400.
#pragma once

#include "api/router.hpp"
#include "service/approvals.hpp"
#include "service/go_no_go.hpp"

namespace ckpt::api {

void add_release_routes(Router& router, service::Approvals& approvals, service::GoNoGo& go_no_go);

}  // namespace ckpt::api
