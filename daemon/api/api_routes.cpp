#include "api/api_routes.hpp"

#include "api/checkpoint_api.hpp"
#include "api/drill_api.hpp"
#include "api/evidence_api.hpp"
#include "api/migration_api.hpp"
#include "api/ops_api.hpp"
#include "api/release_api.hpp"
#include "api/watch_api.hpp"

namespace ckpt::api {

void add_api_routes(Router& router, service::Services& services, const obs::Metrics& metrics,
                    const std::atomic<bool>& ready) {
  add_checkpoint_routes(router, services.checkpoints);
  add_migration_routes(router, services.migrations);
  add_watch_routes(router, services.watch, services.flags);
  add_release_routes(router, services.approvals, services.go_no_go);
  add_evidence_routes(router, services.evidence);
  add_drill_routes(router, services.drills);
  add_ops_routes(router, metrics, ready);
}

}  // namespace ckpt::api
