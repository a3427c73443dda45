#include "service/checkpoint_runner.hpp"

#include "core/begin_validation.hpp"
#include "core/ladder.hpp"
#include "core/parked_copy_policy.hpp"
#include "core/refusal_reason.hpp"
#include "core/restore_prediction.hpp"
#include "core/state_machine.hpp"
#include "core/time_format.hpp"
#include "obs/logging.hpp"
#include "service/restore_recorder.hpp"

namespace ckpt::service {
namespace {

obs::ContextLogger log_for(const Checkpoint& checkpoint) {
  return obs::ContextLogger(obs::logger("service"),
                            {{"checkpoint", checkpoint.id}, {"cluster", checkpoint.request.cluster}});
}

std::string describe(const RecoveryPoint& point) {
  return "recovery point " + format_lsn(point.target_lsn) + " on timeline " + std::to_string(point.timeline) + " ('" +
         point.restore_point + "', server time " + point.server_time + "), segment " + point.wal_file + " archived";
}

// Which way the restore ran; a parked copy it promoted is the restored instance now.
void record_restore_path(Checkpoint& checkpoint) {
  checkpoint.restore->path = restore_path_of(checkpoint);
  if (restore_uses_parked_copy(checkpoint)) checkpoint.parked_copy->state = parked_copy_state::used;
}

}  // namespace

void CheckpointRunner::start_backup(std::string checkpoint_id) {
  tasks_.spawn(backup_pipeline(std::move(checkpoint_id)));
}

void CheckpointRunner::start_restore(std::string checkpoint_id, engine::RestoreOptions options) {
  tasks_.spawn(restore_pipeline(std::move(checkpoint_id), std::move(options)));
}

void CheckpointRunner::resume() {
  for (const auto& checkpoint : context_.store.list(std::nullopt, CheckpointState::backing_up)) {
    log_for(checkpoint).info("resuming the checkpoint after a restart");
    start_backup(checkpoint.id);
  }
  for (const auto& checkpoint : context_.store.list(std::nullopt, CheckpointState::restoring)) {
    log_for(checkpoint).info("resuming the restore after a restart");
    const auto& record = *checkpoint.restore;
    start_restore(checkpoint.id, engine::RestoreOptions{record.cutover, record.trigger});
  }
}

boost::asio::awaitable<void> CheckpointRunner::refuse(const std::string& id, const std::string& cluster,
                                                      const Error& error) {
  // Always a documented reason, whatever the engine's error carried (core/refusal_reason.hpp).
  const std::string reason = refusal_reason_for(error);
  auto refused = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::refuse,
        [&](Checkpoint& checkpoint) {
          checkpoint.reason = reason;
          checkpoint.message = error.message;
        },
        reason + ": " + error.message);
  });
  if (!refused) co_return;
  context_.metrics.count_refusal(cluster, reason);
  context_.metrics.count_outcome(cluster, "refused");
  log_for(*refused).warn("checkpoint refused ({}): {}", reason, error.message);
}

boost::asio::awaitable<void> CheckpointRunner::backup_pipeline(std::string id) {
  auto checkpoint = context_.store.get(id);
  if (!checkpoint || checkpoint->state != CheckpointState::backing_up) co_return;
  const auto cluster = checkpoint->request.cluster;
  auto log = log_for(*checkpoint);
  auto& engine = *context_.engines.at(cluster);

  // The cluster's restore rates, measured from its own verified restores and drills.
  const auto rates =
      co_await context_.on_pool([&] { return measured_restore_rates(context_.store.list(cluster, std::nullopt)); });
  const auto* settings = context_.config.find_cluster(cluster);
  const Millis rto_budget = settings != nullptr ? settings->rto_budget : Millis{0};

  if (!checkpoint->backup) {
    log.info("taking the base backup");
    auto backup = co_await engine.take_backup(*checkpoint, engine::BackupReuse{rto_budget, rates});
    if (!backup) co_return co_await refuse(id, cluster, backup.error());
    const auto verb = backup->reused ? "reusing base backup " : "base backup completed: ";
    std::string message =
        verb + backup->backup_id + " (" + format_lsn(backup->begin_lsn) + " .. " + format_lsn(backup->end_lsn) + ")";
    if (!backup->reuse_declined.empty()) message += "; a fresh one because " + backup->reuse_declined;
    auto stored = co_await context_.on_pool([&] {
      return context_.store.update(
          id, [&](Checkpoint& c) { c.backup = *backup; }, "backup.completed", message);
    });
    if (!stored) co_return co_await refuse(id, cluster, stored.error());
    checkpoint = std::move(stored).value();
  }

  auto fingerprint = co_await engine.schema_fingerprint();
  if (!fingerprint) co_return co_await refuse(id, cluster, fingerprint.error());

  const auto archive_started = context_.clock();
  auto point = co_await engine.record_recovery_point(*checkpoint);
  if (!point) co_return co_await refuse(id, cluster, point.error());
  const auto now = context_.clock();
  context_.metrics.observe_archive_wait(cluster, seconds_between(archive_started, now));

  const auto prediction = predict_restore_of(*checkpoint->backup, point->target_lsn, rates);
  // A drill is the measurement that corrects the rates: it is never refused for them.
  if (prediction && !checkpoint->request.drill && !within_budget(*prediction, rto_budget)) {
    co_return co_await refuse(
        id, cluster,
        make_error(ErrorCode::refused,
                   "a restore of this checkpoint is predicted to take " + describe_prediction(*prediction) +
                       ", over the rto_budget of " + format_duration(rto_budget) +
                       (checkpoint->backup->reused ? "" : ", even from a fresh base backup"),
                   refusal::rto_budget_exceeded));
  }
  std::string ready_message = describe(*point);
  if (prediction) ready_message += "; restore predicted " + describe_prediction(*prediction);
  // A pre-warmed restore's parked copy is planned now (where, and the disk it takes, in the
  // ready line) and built in the background by ParkedCopies.
  std::optional<ParkedCopy> parked_copy;
  if (engine.parks_copies() && !checkpoint->request.drill) {
    Checkpoint planned = *checkpoint;
    planned.recovery_point = *point;
    auto plan = co_await context_.on_pool([&] { return engine.plan_parked_copy(planned); });
    if (plan) {
      parked_copy = plan.value();
      ready_message += "; a parked copy for a pre-warmed restore is built in the background in " + plan->target +
                       " (about " + describe_disk(plan->estimated_bytes) + " of disk)";
    } else {
      log.warn("no parked copy for a pre-warmed restore: {}", plan.error().message);
      ready_message += "; no parked copy for a pre-warmed restore: " + plan.error().message;
    }
  }
  auto ready = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::become_ready,
        [&](Checkpoint& c) {
          c.recovery_point = *point;
          c.schema_fingerprint = *fingerprint;
          c.predicted_restore = prediction;
          c.parked_copy = parked_copy;
        },
        ready_message);
  });
  if (!ready) {
    log.warn("the checkpoint could not become ready: {}", ready.error().message);
    co_return;
  }
  context_.metrics.observe_checkpoint_duration(cluster, seconds_between(ready->created_at, now));
  context_.metrics.count_outcome(cluster, "ready");
  if (prediction) context_.metrics.set_predicted_restore(cluster, prediction->seconds);
  context_.metrics.set_last_checkpoint(cluster, std::chrono::duration<double>(now.time_since_epoch()).count());
  log.info("ready: {}", describe(*point));
}

boost::asio::awaitable<void> CheckpointRunner::restore_pipeline(std::string id, engine::RestoreOptions options) {
  auto checkpoint = context_.store.get(id);
  if (!checkpoint || checkpoint->state != CheckpointState::restoring) co_return;
  const auto cluster = checkpoint->request.cluster;
  auto log = log_for(*checkpoint);
  auto& engine = *context_.engines.at(cluster);
  context_.metrics.restore_started(cluster);
  log.info("restoring to {} (trigger {}, attempt {})", format_lsn(checkpoint->recovery_point->target_lsn),
           options.trigger, checkpoint->restore->attempt);

  RestoreRecorder recorder(context_, id, cluster, options.trigger);
  auto outcome = co_await engine.restore(*checkpoint, options, recorder);
  const auto now = context_.clock();
  context_.metrics.restore_finished(cluster);

  if (!outcome) {
    const auto& error = outcome.error();
    auto failed = co_await context_.on_pool([&] {
      return context_.store.apply(
          id, Action::fail_restore,
          [&](Checkpoint& c) {
            c.restore->error = error.message;
            record_restore_path(c);
          },
          "restore failed: " + error.message);
    });
    context_.metrics.count_outcome(cluster, "restore_failed");
    log.error("restore failed: {}", error.message);
    (void)failed;
    co_return;
  }

  double total = 0;
  auto restored = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::finish_restore,
        [&](Checkpoint& c) {
          total = seconds_between(c.restore->phases.front().at, now);
          c.restore->duration_seconds = total;
          c.restore->restored_timeline = outcome->restored_timeline;
          c.restore->cut_over = outcome->cut_over;
          record_restore_path(c);
          // A restore the rollback ladder chose ends the recovery its failure signal began.
          if (c.watch && c.watch->first_failure_at && !c.watch->recovered_at) c.watch->recovered_at = now;
        },
        "restore verified");
  });
  if (!restored) {
    log.error("could not record the finished restore: {}", restored.error().message);
    co_return;
  }
  context_.metrics.observe_restore_total(cluster, options.trigger, total);
  context_.metrics.count_outcome(cluster, "restored");
  if (restored->watch) {
    if (const auto recovery = recovery_seconds(*restored->watch)) {
      context_.metrics.observe_recovery(cluster, to_string(Rung::restore), *recovery);
      log.info("recovery time (first failing SLO measurement to restore verified): {:.3f} s", *recovery);
    }
  }
  log.info("restored and verified in {:.3f} s into {} (timeline {})", total, restored->restore->target,
           outcome->restored_timeline);
}

}  // namespace ckpt::service
