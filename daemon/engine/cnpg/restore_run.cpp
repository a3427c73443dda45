#include "engine/cnpg/restore_run.hpp"

#include <spdlog/fmt/fmt.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "cnpg/cluster_status.hpp"
#include "core/begin_validation.hpp"
#include "core/duration.hpp"
#include "engine/cnpg/cluster_milestones.hpp"
#include "engine/cnpg/object_follower.hpp"
#include "engine/cnpg/owned_object.hpp"
#include "engine/cnpg/restored_cluster.hpp"
#include "engine/common/restorable.hpp"
#include "net/blocking.hpp"

namespace ckpt::engine::cnpg {
namespace {

using boost::asio::awaitable;
using namespace std::chrono_literals;

constexpr auto kVerifyRetryInterval = 1s;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Built outside coroutine bodies: GCC 12 mishandles conditional-expression temporaries
// in co_await and co_return full-expressions.
std::string describe_phase(const ckpt::cnpg::ClusterStatus& status) {
  if (status.phase.empty()) return "its status.phase was never set";
  std::string text = "last phase '" + status.phase + "'";
  if (!status.phase_reason.empty()) text += " (" + status.phase_reason + ")";
  return text;
}

std::string describe_verification(const VerifiedRestore& verified) {
  std::string text = fmt::format("verified: out of recovery on timeline {}", verified.timeline);
  text += verified.stop_point_checked ? ", timeline history switches right before the target"
                                      : ", timeline history not checked (the role may not call pg_read_file(); "
                                        "grant pg_read_server_files to check it)";
  text += verified.fingerprint_compared ? ", schema fingerprint equal to the checkpoint's"
                                        : ", no schema fingerprint at the checkpoint to compare";
  return text;
}

}  // namespace

RestoreRun::RestoreRun(const CnpgContext& context, Checkpoint checkpoint, RestoreOptions options,
                       RestoreObserver& observer)
    : context_(context),
      checkpoint_(std::move(checkpoint)),
      options_(std::move(options)),
      observer_(observer),
      target_(restore_target_for(context_, checkpoint_)),
      started_(Clock::now()),
      deadline_(started_ + context.deadlines.restore) {
  if (checkpoint_.restore) {
    for (const auto& mark : checkpoint_.restore->phases) reached_.insert(mark.phase);
  }
}

Task<RestoreOutcome> RestoreRun::run() {
  if (options_.cutover) co_return cutover_refused(context_, target_.name);
  if (auto restorable = require_restorable(checkpoint_); !restorable) co_return restorable.error();
  const bool target_recorded = checkpoint_.restore && !checkpoint_.restore->target.empty();
  if (!target_recorded) {
    auto assigned = co_await observer_.assign_target(target_.name, 0);
    if (!assigned) co_return assigned.error();
  }
  auto current = co_await apply();
  if (!current) co_return current.error();
  restored_ca_ = restored_ca_of(*current);
  if (auto unverified = context_.unverified_tls(target_.name, restored_ca_)) {
    context_.logger->warn("cluster={} checkpoint={} {}", context_.cluster, checkpoint_.id, *unverified);
    co_await observer_.note(std::move(*unverified));
  }
  if (auto marked = co_await mark("applied"); !marked) co_return marked.error();
  if (!reached("ready")) {
    auto ready = co_await await_ready(std::move(current).value());
    if (!ready) co_return ready.error();
  }
  RestoreOutcome outcome;
  if (!reached("verified")) {
    auto verified = co_await verify();
    if (!verified) co_return verified.error();
    outcome.restored_timeline = verified.value();
  } else {
    auto known = co_await net::run_blocking(*context_.pool,
                                            [this] { return restored_timeline(context_, target_.name, restored_ca_); });
    if (!known) co_return step_failed("finding the restored timeline", known.error());
    outcome.restored_timeline = known.value();
  }
  co_return outcome;
}

bool RestoreRun::reached(std::string_view phase) const {
  return reached_.contains(phase);
}

std::string RestoreRun::label() const {
  return context_.label("Cluster", target_.name);
}

awaitable<Result<void>> RestoreRun::mark(std::string_view phase) {
  std::string name{phase};
  if (reached(name)) co_return Result<void>{};
  auto recorded = co_await observer_.reached(name);
  if (!recorded) co_return recorded;
  context_.logger->info("cluster={} checkpoint={} restore {} reached phase {} after {:.2f} s", context_.cluster,
                        checkpoint_.id, target_.name, name, seconds_since(started_));
  reached_.insert(std::move(name));
  co_return Result<void>{};
}

awaitable<Result<boost::json::object>> RestoreRun::apply() {
  const auto ref = context_.clusters(target_.name);
  const std::string kind = "Cluster";
  auto found = co_await find_owned(*context_.kube, ref, checkpoint_.id, kind);
  if (!found) co_return step_failed("looking up the recovery Cluster", std::move(found).error());
  if (*found) {
    if (!reached("applied")) {
      auto note = "adopted " + label() + ", created for this checkpoint before";
      co_await observer_.note(std::move(note));
    }
    co_return std::move(**found);
  }
  if (reached("applied")) {
    co_return step_failed(
        "following the recovery Cluster",
        make_error(ErrorCode::failed, label() +
                                          " was applied earlier but no longer exists: someone deleted it. "
                                          "checkpointd never creates a second Cluster for one restore; start a new "
                                          "restore to try again"));
  }
  auto manifest = co_await render_recovery_manifest(context_, checkpoint_, target_.attempt);
  if (!manifest) co_return step_failed("rendering the recovery Cluster", std::move(manifest).error());
  const std::string crd = kClustersCrd;
  const auto object = label();
  auto checked = co_await context_.manifests->check(crd, object, *manifest);
  if (!checked) co_return step_failed("checking the recovery Cluster against its CRD", std::move(checked).error());
  auto created =
      co_await create_or_adopt(*context_.kube, ref, std::move(manifest).value(), checkpoint_.id, kind, deadline_);
  if (!created) co_return step_failed("applying the recovery Cluster", std::move(created).error());
  auto applied = fmt::format("{} {}, restoring base backup {} to {}", created->created ? "created" : "adopted", label(),
                             checkpoint_.backup->backup_id, format_lsn(checkpoint_.recovery_point->target_lsn));
  co_await observer_.note(std::move(applied));
  co_return std::move(created->object);
}

awaitable<Result<void>> RestoreRun::await_ready(boost::json::object current) {
  ObjectFollower follower{*context_.kube, context_.clusters(target_.name), current};
  std::optional<boost::json::object> version = std::move(current);
  ckpt::cnpg::ClusterStatus last;
  for (;;) {
    if (version) {
      auto status = ckpt::cnpg::parse_cluster_status(*version);
      if (!status) co_return step_failed("reading the recovery Cluster's status", std::move(status).error());
      last = std::move(status).value();
      const auto milestones = read_milestones(last);
      if (milestones.failure) {
        co_return step_failed(
            "recovery", make_error(ErrorCode::failed, *milestones.failure + "; the Cluster is kept for inspection"));
      }
      if (milestones.initialized) {
        if (auto marked = co_await mark("initialized"); !marked) co_return marked;
      }
      if (milestones.ready) co_return co_await mark("ready");
    }
    if (Clock::now() >= deadline_) co_return step_failed("recovery", not_ready_in_time(last));
    auto next = co_await follower.next(deadline_);
    if (!next) co_return step_failed("following the recovery Cluster", std::move(next).error());
    version = std::move(*next);
  }
}

awaitable<Result<std::uint32_t>> RestoreRun::verify() {
  const auto executor = co_await boost::asio::this_coro::executor;
  boost::asio::steady_timer timer{executor};
  for (;;) {
    auto verified = co_await net::run_blocking(
        *context_.pool, [this] { return verify_restored_cluster(context_, checkpoint_, target_.name, restored_ca_); });
    if (verified) {
      auto summary = describe_verification(*verified);
      co_await observer_.note(std::move(summary));
      if (auto marked = co_await mark("verified"); !marked) co_return marked.error();
      co_return verified->timeline;
    }
    const bool not_answering = verified.error().reason == refusal::cluster_unreachable;
    if (!not_answering || Clock::now() + kVerifyRetryInterval >= deadline_) {
      co_return step_failed("verification", std::move(verified).error());
    }
    timer.expires_after(kVerifyRetryInterval);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
}

Error RestoreRun::not_ready_in_time(const ckpt::cnpg::ClusterStatus& last) const {
  return make_error(ErrorCode::deadline_exceeded,
                    label() + " did not become healthy within the restore deadline of " +
                        format_duration(context_.deadlines.restore) + " (deadlines.restore); " + describe_phase(last) +
                        ". CNPG before 1.30.0/1.29.2/1.28.4 stays in 'Setting up primary' when the recovery Job "
                        "fails: check the Job " +
                        target_.name + "-1-full-recovery and its pod logs; the Cluster is kept for inspection");
}

Error RestoreRun::step_failed(std::string_view step, Error cause) const {
  cause.message =
      "restore of checkpoint " + checkpoint_.id + " into " + label() + ", " + std::string{step} + ": " + cause.message;
  if (cause.code != ErrorCode::deadline_exceeded && cause.code != ErrorCode::conflict &&
      cause.code != ErrorCode::unauthorized) {
    cause.code = ErrorCode::failed;
  }
  return cause;
}

}  // namespace ckpt::engine::cnpg
