// The evidence package of a checkpoint (core/evidence.hpp), gathered at the edge: the
// checkpoint and its timeline from the store, the go/no-go of its contract step from
// GoNoGo (left out when it cannot be computed, e.g. for a cluster no longer configured),
// the time from the service clock and this daemon's version. build_evidence() does the rest.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "core/evidence.hpp"
#include "core/result.hpp"
#include "service/checkpoint_service.hpp"
#include "service/go_no_go.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class EvidenceService {
 public:
  EvidenceService(ServiceContext& context, CheckpointService& checkpoints, GoNoGo& go_no_go)
      : context_(context), checkpoints_(checkpoints), go_no_go_(go_no_go) {}

  // not_found, naming the id, for an unknown checkpoint.
  boost::asio::awaitable<Result<EvidencePackage>> package(std::string id);

 private:
  ServiceContext& context_;
  CheckpointService& checkpoints_;
  GoNoGo& go_no_go_;
};

}  // namespace ckpt::service
