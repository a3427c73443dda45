#include "service/slo_watch.hpp"

#include <algorithm>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/time_format.hpp"
#include "obs/context_logger.hpp"
#include "obs/logging.hpp"
#include "service/errors.hpp"

namespace ckpt::service {
namespace {

// A follower looks at its checkpoint at least this often: a migration that finished, a
// person's commit or fail, and the daemon's shutdown are noticed within it.
constexpr Millis kLongestSleep{1000};

obs::ContextLogger log_for(const std::string& id, const std::string& cluster) {
  return obs::ContextLogger(obs::logger("watch"), {{"checkpoint", id}, {"cluster", cluster}});
}

bool watched_state(CheckpointState state) {
  return state == CheckpointState::migrating || state == CheckpointState::watching;
}

bool flag_turned_off(const WatchRecord& watch) {
  return std::any_of(watch.rungs.begin(), watch.rungs.end(), [](const RungRecord& rung) {
    return rung.rung == to_string(Rung::flag_off) && rung.done_at && rung.error.empty();
  });
}

WatchStage stage_for(Rung rung) {
  switch (rung) {
    case Rung::flag_off:
      return WatchStage::flag_off;
    case Rung::check_data:
      return WatchStage::checking_data;
    case Rung::restore:
      return WatchStage::restoring;
    case Rung::none:
    case Rung::pause:
      break;
  }
  return WatchStage::paused;
}

std::string describe(const Measurement& measurement) {
  std::string text{to_string(measurement.phase)};
  if (!measurement.value.empty()) text += " (" + measurement.value + ")";
  if (!measurement.message.empty()) text += ": " + measurement.message;
  return text;
}

// The run a stage measures: the watch's own, or the recheck after the flag went off.
AnalysisRunRecord* run_of(WatchRecord& watch, bool recheck) {
  if (!recheck) return &watch.run;
  return watch.recheck ? &*watch.recheck : nullptr;
}

// The end of the latest measurement of the run: when a recheck that completed recovered.
TimePoint last_measured(const AnalysisRunRecord& run, TimePoint fallback) {
  std::optional<TimePoint> last;
  for (const auto& history : run.metrics) {
    if (history.measurements.empty()) continue;
    const auto& measurement = history.measurements.back();
    const TimePoint at = measurement.finished_at.value_or(measurement.started_at);
    if (!last || at > *last) last = at;
  }
  return last.value_or(fallback);
}

LadderSituation situation_of(const Checkpoint& checkpoint, AnalysisPhase outcome) {
  const MigrationPlan& plan = *checkpoint.request.plan;
  LadderSituation situation;
  situation.phase = plan.phase;
  situation.has_flag = plan.flag && !plan.flag->scopes.empty();
  situation.flag_turned_off = flag_turned_off(*checkpoint.watch);
  situation.outcome = outcome;
  situation.has_data_checks = !plan.slo->data_checks.empty();
  return situation;
}

}  // namespace

bool watch_has_work(const Checkpoint& checkpoint) {
  return checkpoint.watch && checkpoint.request.plan && checkpoint.request.plan->slo &&
         watched_state(checkpoint.state) && is_active(checkpoint.watch->stage);
}

void SloWatch::start(const std::string& id) {
  {
    std::lock_guard lock(following_mutex_);
    if (!following_.insert(id).second) return;
  }
  tasks_.spawn(follow(id));
}

void SloWatch::resume() {
  for (const auto state : {CheckpointState::migrating, CheckpointState::watching}) {
    for (const auto& checkpoint : context_.store.list(std::nullopt, state)) {
      if (!watch_has_work(checkpoint)) continue;
      log_for(checkpoint.id, checkpoint.request.cluster)
          .info("resuming the SLO watch ({}) after a restart", to_string(checkpoint.watch->stage));
      start(checkpoint.id);
    }
  }
}

void SloWatch::forget(const std::string& id) {
  std::lock_guard lock(following_mutex_);
  following_.erase(id);
}

boost::asio::awaitable<void> SloWatch::follow(std::string id) {
  struct Forget {
    SloWatch& watch;
    const std::string& id;
    ~Forget() { watch.forget(id); }
  } forget{*this, id};
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  while (!stopping_.load()) {
    const auto checkpoint = context_.store.get(id);
    if (!checkpoint || !watch_has_work(*checkpoint)) break;
    const auto next = co_await advance(*checkpoint);
    if (!next) break;
    const TimePoint now = context_.clock();
    if (*next <= now) continue;
    timer.expires_after(std::min(std::chrono::duration_cast<Millis>(*next - now), kLongestSleep));
    boost::system::error_code ignored;
    co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ignored));
  }
}

boost::asio::awaitable<std::optional<TimePoint>> SloWatch::advance(const Checkpoint& checkpoint) {
  switch (checkpoint.watch->stage) {
    case WatchStage::measuring:
    case WatchStage::rechecking:
      co_return co_await measure(checkpoint);
    case WatchStage::flag_off:
      co_await turn_flag_off(checkpoint);
      break;
    case WatchStage::checking_data:
      co_await check_data(checkpoint);
      break;
    case WatchStage::restoring:
      co_await restore(checkpoint);
      break;
    case WatchStage::paused:
    case WatchStage::passed:
    case WatchStage::recovered:
    case WatchStage::promoted:
      co_return std::nullopt;
  }
  co_return context_.clock();
}

boost::asio::awaitable<std::optional<TimePoint>> SloWatch::measure(const Checkpoint& checkpoint) {
  const MigrationPlan& plan = *checkpoint.request.plan;
  const SloSpec& slo = *plan.slo;
  const bool recheck = checkpoint.watch->stage == WatchStage::rechecking;
  WatchRecord watch = *checkpoint.watch;
  const AnalysisRunRecord* run = run_of(watch, recheck);
  if (run == nullptr) co_return std::nullopt;
  const std::vector<MetricSpec> specs = recheck ? recheck_specs(slo, plan.ladder) : watch_specs(slo);
  const TimePoint now = context_.clock();
  const bool migration_finished = checkpoint.state == CheckpointState::watching;
  const bool window_over = !recheck && migration_finished && run->ends_at && now >= *run->ends_at;
  const RunAssessment assessment = assess_run(specs, run->metrics, window_over);
  if (assessment.terminating || (recheck && is_completed(assessment.phase))) {
    co_await conclude(checkpoint, assessment);
    co_return now;
  }

  std::optional<std::size_t> due;
  TimePoint due_at = TimePoint::max();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const MetricHistory history = i < run->metrics.size() ? run->metrics[i] : MetricHistory{};
    const auto at = next_measurement_at(specs[i], history.measurements, run->started_at, history.earlier);
    if (at && *at < due_at) {
      due_at = *at;
      due = i;
    }
  }
  if (due && due_at <= now) {
    const std::size_t index = *due;
    const SloMetric& metric = slo.metrics[index];
    const MetricSpec& spec = specs[index];
    const std::string cluster = checkpoint.request.cluster;
    const Measurement measurement = co_await measurements_.take(metric, spec, cluster);
    const TimePoint run_started = run->started_at;
    const std::size_t metric_count = specs.size();
    const Change change{[&](Checkpoint& current) {
                          if (!current.watch) return;
                          AnalysisRunRecord* target = run_of(*current.watch, recheck);
                          if (target == nullptr || target->started_at != run_started) return;
                          if (target->metrics.size() < metric_count) target->metrics.resize(metric_count);
                          MetricHistory& history = target->metrics[index];
                          history.measurements.push_back(measurement);
                          fold_oldest(history, kKeptMeasurements);
                        },
                        "watch.measurement", (recheck ? "recheck " : "") + spec.name + ": " + describe(measurement)};
    auto recorded = co_await record(checkpoint.id, change);
    if (!recorded)
      log_for(checkpoint.id, cluster).error("could not record a measurement: {}", recorded.error().message);
    co_return context_.clock();
  }
  TimePoint wake = due ? due_at : now + kLongestSleep;
  if (!recheck && migration_finished && run->ends_at) wake = std::min(wake, *run->ends_at);
  co_return wake;
}

boost::asio::awaitable<void> SloWatch::conclude(const Checkpoint& checkpoint, const RunAssessment& assessment) {
  const MigrationPlan& plan = *checkpoint.request.plan;
  const std::string cluster = checkpoint.request.cluster;
  const bool recheck = checkpoint.watch->stage == WatchStage::rechecking;
  const TimePoint now = context_.clock();
  const auto finish_run = [recheck, &assessment, now](WatchRecord& watch) {
    AnalysisRunRecord* run = run_of(watch, recheck);
    if (run == nullptr) return;
    run->phase = assessment.phase;
    run->message = assessment.message;
    run->finished_at = now;
  };

  if (assessment.phase == AnalysisPhase::successful) {
    if (recheck) {
      const TimePoint recovered_at = last_measured(*checkpoint.watch->recheck, now);
      const Change change{
          [&](Checkpoint& current) {
            if (!current.watch) return;
            finish_run(*current.watch);
            current.watch->stage = WatchStage::recovered;
            current.watch->stage_reason =
                "the SLOs recovered with the flag off; the additive schema stays: commit, or fail to restore";
            current.watch->recovered_at = recovered_at;
          },
          "watch.recovered", "the SLOs recovered with the flag off: no restore"};
      auto recorded = co_await record(checkpoint.id, change);
      if (recorded && recorded->watch) {
        if (const auto seconds = recovery_seconds(*recorded->watch)) {
          context_.metrics.observe_recovery(cluster, to_string(Rung::flag_off), *seconds);
          log_for(checkpoint.id, cluster).info("recovered by the flag off in {:.1f} s", *seconds);
        }
      }
      co_return;
    }
    const Change change{[&](Checkpoint& current) {
                          if (!current.watch) return;
                          finish_run(*current.watch);
                          current.watch->stage = WatchStage::passed;
                          current.watch->stage_reason = "the SLOs were met for the whole watch window";
                        },
                        "watch.passed", "the SLOs were met for the whole watch window"};
    auto passed = co_await record(checkpoint.id, change);
    const std::string why = "the SLO watch window passed";
    if (passed) co_await commit_if_automatic(*passed, why);
    co_return;
  }

  if (!recheck) context_.metrics.count_slo_breach(cluster, to_string(assessment.phase));
  const std::vector<MetricSpec> specs = recheck ? recheck_specs(*plan.slo, plan.ladder) : watch_specs(*plan.slo);
  const auto failure_at = first_failure(recheck ? *checkpoint.watch->recheck : checkpoint.watch->run, specs);
  const RungDecision decision = next_rung(plan.ladder, situation_of(checkpoint, assessment.phase));
  const Change change{[&](Checkpoint& current) {
                        if (!current.watch) return;
                        finish_run(*current.watch);
                        if (!current.watch->first_failure_at) current.watch->first_failure_at = failure_at;
                        if (!current.watch->first_failure_at) current.watch->first_failure_at = now;
                      },
                      recheck ? "watch.recheck" : "watch.breach",
                      std::string(recheck ? "the recheck ended " : "the SLO analysis ended ") +
                          std::string(to_string(assessment.phase)) + ": " + assessment.message};
  auto recorded = co_await record(checkpoint.id, change);
  if (!recorded) co_return;
  co_await take_rung(*recorded, decision);
}

boost::asio::awaitable<void> SloWatch::take_rung(const Checkpoint& checkpoint, const RungDecision& decision) {
  const TimePoint now = context_.clock();
  const WatchStage stage = stage_for(decision.rung);
  if (decision.rung != Rung::check_data)
    context_.metrics.count_rollback(checkpoint.request.cluster, to_string(decision.rung));
  log_for(checkpoint.id, checkpoint.request.cluster)
      .warn("rollback ladder: {}: {}", to_string(decision.rung), decision.reason);
  const Change change{
      [&](Checkpoint& current) {
        if (!current.watch) return;
        current.watch->rungs.push_back(RungRecord{std::string(to_string(decision.rung)), decision.reason, now, {}, {}});
        if (decision.rung == Rung::pause) current.watch->rungs.back().done_at = now;
        current.watch->stage = stage;
        current.watch->stage_reason = decision.reason;
      },
      "watch." + std::string(to_string(decision.rung)), decision.reason};
  co_await record(checkpoint.id, change);
}

boost::asio::awaitable<void> SloWatch::turn_flag_off(const Checkpoint& checkpoint) {
  const MigrationPlan& plan = *checkpoint.request.plan;
  const WatchRecord& watch = *checkpoint.watch;
  const TimePoint decided_at = watch.rungs.empty() ? watch.run.started_at : watch.rungs.back().decided_at;
  // Scopes already turned off by this rung (recorded before a restart) are not touched again.
  std::vector<std::string> scopes;
  for (const auto& scope : plan.flag->scopes) {
    const bool done =
        std::any_of(checkpoint.flag_changes.begin(), checkpoint.flag_changes.end(), [&](const FlagChange& change) {
          return change.scope == scope && !change.on && change.error.empty() && change.by == kLadderActor &&
                 change.at >= decided_at;
        });
    if (!done) scopes.push_back(scope);
  }
  Result<Checkpoint> changed = checkpoint;
  if (!scopes.empty()) {
    const std::string reason = watch.rungs.empty() ? std::string{} : watch.rungs.back().reason;
    FlagChangeRequest request{false, "", kLadderActor, "rung flag_off: " + reason};
    changed = co_await flags_.apply(checkpoint.id, scopes, request);
  }
  const TimePoint now = context_.clock();
  const std::size_t metric_count = plan.slo->metrics.size();
  if (!changed) {
    const std::string why = "the flag could not be turned off (" + changed.error().message +
                            "): a person decides (checkpointctl flag ID off, promote or fail)";
    context_.metrics.count_rollback(checkpoint.request.cluster, to_string(Rung::pause));
    const Change change{
        [&](Checkpoint& current) {
          if (!current.watch || current.watch->rungs.empty()) return;
          current.watch->rungs.back().error = changed.error().message;
          current.watch->rungs.push_back(RungRecord{std::string(to_string(Rung::pause)), why, now, now, {}});
          current.watch->stage = WatchStage::paused;
          current.watch->stage_reason = why;
        },
        "watch.pause", why};
    co_await record(checkpoint.id, change);
    co_return;
  }
  const std::string why = "the flag is off; re-measuring the SLOs (" + std::to_string(plan.ladder.recheck_count) +
                          " measurements, recovered after " + std::to_string(plan.ladder.recovered_after) +
                          " successes in a row)";
  const Change change{[&](Checkpoint& current) {
                        if (!current.watch || current.watch->rungs.empty()) return;
                        current.watch->rungs.back().done_at = now;
                        current.watch->stage = WatchStage::rechecking;
                        current.watch->stage_reason = why;
                        current.watch->recheck = start_run("recheck", metric_count, now);
                      },
                      "watch.rechecking", why};
  co_await record(checkpoint.id, change);
}

boost::asio::awaitable<void> SloWatch::check_data(const Checkpoint& checkpoint) {
  const MigrationPlan& plan = *checkpoint.request.plan;
  std::vector<CheckResult> results;
  bool broken = false;
  std::string summary;
  for (const auto& check : plan.slo->data_checks) {
    const std::string cluster = checkpoint.request.cluster;
    Measurement measurement = co_await measurements_.take(check, check.analysis, cluster);
    broken = broken || measurement.phase == AnalysisPhase::failed || measurement.phase == AnalysisPhase::error;
    summary += (summary.empty() ? "" : "; ") + check.analysis.name + " " + describe(measurement);
    results.push_back(CheckResult{check.analysis.name, std::move(measurement)});
  }
  LadderSituation situation = situation_of(checkpoint, AnalysisPhase::failed);
  situation.data_broken = broken;
  const RungDecision decision = next_rung(plan.ladder, situation);
  const TimePoint now = context_.clock();
  const Change change{[&](Checkpoint& current) {
                        if (!current.watch) return;
                        current.watch->data_checks = results;
                        if (!current.watch->rungs.empty()) current.watch->rungs.back().done_at = now;
                      },
                      "watch.data_checks", summary};
  auto recorded = co_await record(checkpoint.id, change);
  if (recorded) co_await take_rung(*recorded, decision);
}

boost::asio::awaitable<void> SloWatch::restore(const Checkpoint& checkpoint) {
  const WatchRecord& watch = *checkpoint.watch;
  const std::string reason = watch.rungs.empty() ? watch.stage_reason : watch.rungs.back().reason;
  const std::string id = checkpoint.id;
  std::string why = "the rollback ladder restores: " + reason;
  auto failed = co_await checkpoints_.fail(id, why);
  const TimePoint now = context_.clock();
  const std::string error = failed ? std::string{} : failed.error().message;
  if (!failed)
    log_for(id, checkpoint.request.cluster).error("the rollback ladder could not fail the checkpoint: {}", error);
  const Change change{[&](Checkpoint& current) {
                        if (!current.watch || current.watch->rungs.empty()) return;
                        current.watch->rungs.back().done_at = now;
                        current.watch->rungs.back().error = error;
                        if (!error.empty()) {
                          current.watch->stage = WatchStage::paused;
                          current.watch->stage_reason = "the restore could not start (" + error + "): a person decides";
                        }
                      },
                      error.empty() ? "watch.restore" : "watch.pause",
                      error.empty() ? "the checkpoint failed; its restore follows the cluster's auto_restore" : error};
  co_await record(id, change);
}

boost::asio::awaitable<void> SloWatch::commit_if_automatic(const Checkpoint& checkpoint, const std::string& why) {
  const auto& plan = checkpoint.request.plan;
  if (!plan || plan->commit != CommitPolicy::automatic || checkpoint.state != CheckpointState::watching) co_return;
  std::string id = checkpoint.id;
  std::string message = "committed automatically: " + why + " and the plan's commit is automatic";
  auto committed = co_await checkpoints_.commit(id, message);
  if (!committed) log_for(id, checkpoint.request.cluster).warn("could not commit: {}", committed.error().message);
}

boost::asio::awaitable<Result<Checkpoint>> SloWatch::promote(std::string id, std::string by) {
  auto current = context_.store.get(id);
  if (!current) co_return checkpoint_not_found(id);
  if (!current->watch) {
    co_return make_error(
        ErrorCode::bad_request,
        "checkpoint '" + id + "' has no SLO watch (its plan has no `slo` section): nothing to promote");
  }
  if (by.find_first_not_of(" \t") == std::string::npos) {
    co_return make_error(ErrorCode::bad_request, "field 'by' must name the person who promotes the watch");
  }
  if (current->watch->stage != WatchStage::paused) {
    co_return make_error(ErrorCode::conflict, "the SLO watch of checkpoint '" + id + "' is " +
                                                  std::string(to_string(current->watch->stage)) +
                                                  ", not paused; only a paused watch can be promoted");
  }
  const std::string why = "promoted by " + by + ": the paused watch is treated as passed";
  const Change change{[&](Checkpoint& checkpoint) {
                        if (!checkpoint.watch || checkpoint.watch->stage != WatchStage::paused) return;
                        checkpoint.watch->stage = WatchStage::promoted;
                        checkpoint.watch->stage_reason = why;
                      },
                      "watch.promoted", why};
  auto promoted = co_await record(id, change);
  if (!promoted) co_return promoted;
  const std::string promoted_why = "a person promoted the watch";
  co_await commit_if_automatic(*promoted, promoted_why);
  auto latest = context_.store.get(id);
  if (!latest) co_return checkpoint_not_found(id);
  co_return *latest;
}

boost::asio::awaitable<Result<Checkpoint>> SloWatch::record(const std::string& id, const Change& change) {
  co_return co_await context_.on_pool(
      [&] { return context_.store.update(id, change.mutate, change.type, change.message); });
}

}  // namespace ckpt::service
