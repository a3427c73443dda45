#include "engine/cnpg/backup_runner.hpp"

#include <algorithm>

#include "cnpg/backup_manifest.hpp"
#include "core/begin_validation.hpp"
#include "core/duration.hpp"
#include "core/refusal_reason.hpp"
#include "engine/cnpg/backup_progress.hpp"
#include "engine/cnpg/object_follower.hpp"
#include "engine/cnpg/owned_object.hpp"

namespace ckpt::engine::cnpg {
namespace {

using boost::asio::awaitable;
using Clock = std::chrono::steady_clock;

// Built outside the coroutine: GCC 12 mishandles conditional-expression temporaries in
// co_return full-expressions.
Error overall_deadline_passed(const CnpgContext& context, const std::string& label,
                              const ckpt::cnpg::BackupStatus* last) {
  std::string phase = "no phase yet";
  if (last != nullptr && !last->phase.empty()) phase = "last phase '" + last->phase + "'";
  return make_error(ErrorCode::deadline_exceeded, label + " did not complete within the backup deadline of " +
                                                      format_duration(context.deadlines.backup) +
                                                      " (deadlines.backup); " + phase);
}

// An error of a Kubernetes API call in refusal terms. The API failing or not answering
// (5xx, 429, a connection failure or timeout: engine_error, unreachable,
// deadline_exceeded) or refusing checkpointd's credentials (unauthorized) is
// cluster_unreachable, the API's message kept; anything else (an object that is not ours,
// a manifest the API rejects, a Backup deleted under us) keeps its code and gets no
// reason of Kubernetes' (the runner records backup_failed). The Status reason
// (InternalError, Forbidden, ...) is never a refusal reason.
Error as_refusal(Error error) {
  if (is_refusal_reason(error.reason)) return error;
  switch (error.code) {
    case ErrorCode::engine_error:
    case ErrorCode::unreachable:
    case ErrorCode::deadline_exceeded:
    case ErrorCode::unauthorized:
      error.reason = refusal::cluster_unreachable;
      break;
    default:
      error.reason.clear();
      break;
  }
  return error;
}

// The Backup this checkpoint owns: found, or created now (re-creates back off within `deadline`).
awaitable<Result<OwnedObject>> own_backup(const CnpgContext& context, const Checkpoint& checkpoint,
                                          Clock::time_point deadline) {
  const auto name = backup_object_name(context.cnpg.cluster_name, checkpoint.id);
  const auto ref = context.backups(name);
  const std::string kind = "Backup";
  auto found = co_await find_owned(*context.kube, ref, checkpoint.id, kind);
  if (!found) co_return as_refusal(std::move(found).error());
  if (*found) co_return OwnedObject{std::move(**found), false};
  auto manifest = ckpt::cnpg::render_backup(context.cnpg, checkpoint);
  const std::string crd = kBackupsCrd;
  const auto label = context.label(kind, name);
  auto checked = co_await context.manifests->check(crd, label, manifest);
  if (!checked) co_return std::move(checked).error();
  auto created = co_await create_or_adopt(*context.kube, ref, std::move(manifest), checkpoint.id, kind, deadline);
  if (!created) co_return as_refusal(std::move(created).error());
  co_return std::move(created);
}

}  // namespace

awaitable<Result<BackupInfo>> run_backup(const CnpgContext& context, const Checkpoint& checkpoint) {
  const auto deadline = Clock::now() + context.deadlines.backup;
  const auto name = backup_object_name(context.cnpg.cluster_name, checkpoint.id);
  const auto label = context.label("Backup", name);
  auto owned = co_await own_backup(context, checkpoint, deadline);
  if (!owned) co_return std::move(owned).error();
  context.logger->info("cluster={} checkpoint={} {} {}", context.cluster, checkpoint.id,
                       owned->created ? "created" : "adopted the existing", label);

  BackupProgressJudge judge{context.cnpg.backup_phase_deadlines};
  ObjectFollower follower{*context.kube, context.backups(name), owned->object};
  std::optional<boost::json::object> version = std::move(owned->object);
  for (;;) {
    std::optional<Result<BackupInfo>> decision;
    if (version) {
      auto status = ckpt::cnpg::parse_backup_status(*version);
      if (!status) co_return std::move(status).error();
      decision = judge.observe(*status, Clock::now());
    } else {
      decision = judge.recheck(Clock::now());
    }
    if (decision) co_return std::move(*decision);
    if (Clock::now() >= deadline) co_return overall_deadline_passed(context, label, judge.last());
    const auto until = std::min(deadline, judge.recheck_at());
    auto next = co_await follower.next(until);
    if (!next) co_return as_refusal(std::move(next).error());
    version = std::move(*next);
  }
}

}  // namespace ckpt::engine::cnpg
