// Explicit approvals (checkpointctl approve): the rollback window's approver approves a
// checkpoint's migration; the go/no-go of its contract step needs it. The approver named
// in `by` must be the window's approver (same person: trimmed, ignoring case) and never
// its owner; otherwise the approval is refused (ErrorCode::refused, reason
// `not_the_approver` / `owner_cannot_approve`) and nothing is recorded. A refused or
// aborted checkpoint cannot be approved (conflict). Approving again by the same person
// records nothing new and answers the checkpoint. Each approval is on the checkpoint
// (`approvals`), its timeline (`approval`) and the log.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "codec/requests.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class Approvals {
 public:
  explicit Approvals(ServiceContext& context) : context_(context) {}

  boost::asio::awaitable<Result<Checkpoint>> approve(std::string id, ApproveRequest request);

 private:
  ServiceContext& context_;
};

}  // namespace ckpt::service
