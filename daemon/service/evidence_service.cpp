#include "service/evidence_service.hpp"

#include <optional>
#include <utility>

namespace ckpt::service {

boost::asio::awaitable<Result<EvidencePackage>> EvidenceService::package(std::string id) {
  auto checkpoint = checkpoints_.get(id);
  if (!checkpoint) co_return checkpoint.error();
  auto events = checkpoints_.events(id);
  if (!events) co_return events.error();
  std::optional<GateVerdict> verdict;
  if (auto migration = go_no_go_migration_id(*checkpoint)) {
    std::string cluster = checkpoint->request.cluster;
    auto evaluated = co_await go_no_go_.evaluate(std::move(cluster), std::move(*migration));
    if (evaluated) verdict = std::move(evaluated).value();
  }
  co_return build_evidence(*checkpoint, *events, verdict, context_.clock(), CHECKPOINTD_VERSION);
}

}  // namespace ckpt::service
