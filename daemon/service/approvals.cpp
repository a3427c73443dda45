#include "service/approvals.hpp"

#include <algorithm>

#include "core/begin_validation.hpp"
#include "obs/context_logger.hpp"
#include "obs/logging.hpp"
#include "service/errors.hpp"

namespace ckpt::service {

boost::asio::awaitable<Result<Checkpoint>> Approvals::approve(std::string id, ApproveRequest request) {
  auto current = context_.store.get(id);
  if (!current) co_return checkpoint_not_found(id);
  const RollbackWindow& window = current->request.window;
  if (current->state == CheckpointState::refused || current->state == CheckpointState::aborted) {
    co_return make_error(ErrorCode::conflict, "checkpoint '" + id + "' is " + std::string(to_string(current->state)) +
                                                  ": its migration never ran, there is nothing to approve");
  }
  if (same_person(request.by, window.owner)) {
    co_return make_error(ErrorCode::refused,
                         "'" + request.by + "' owns the rollback window of checkpoint '" + id +
                             "'; the owner cannot approve their own migration: the approval comes from " +
                             window.approver,
                         "owner_cannot_approve");
  }
  if (!same_person(request.by, window.approver)) {
    co_return make_error(ErrorCode::refused,
                         "'" + request.by + "' is not the approver of checkpoint '" + id +
                             "'; its rollback window names " + window.approver + " as the approver",
                         "not_the_approver");
  }
  const bool already = std::any_of(current->approvals.begin(), current->approvals.end(),
                                   [&](const Approval& approval) { return same_person(approval.by, request.by); });
  if (already) co_return *current;
  const Approval approval{request.by, request.note, context_.clock()};
  const std::string message =
      "approved by " + request.by + (request.note.empty() ? std::string{} : ": " + request.note);
  auto approved = co_await context_.on_pool([&] {
    return context_.store.update(
        id, [&](Checkpoint& checkpoint) { checkpoint.approvals.push_back(approval); }, "approval", message);
  });
  if (approved) {
    obs::ContextLogger(obs::logger("service"), {{"checkpoint", id}, {"cluster", approved->request.cluster}})
        .info("{}", message);
  }
  co_return approved;
}

}  // namespace ckpt::service
