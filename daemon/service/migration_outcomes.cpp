#include "service/migration_outcomes.hpp"

#include "core/state_machine.hpp"
#include "core/time_format.hpp"

namespace ckpt::service {

std::string describe(const MigrationFailure& failure) {
  std::string text;
  if (!failure.file.empty()) text = failure.file + ":" + std::to_string(failure.line) + ": ";
  text += failure.message;
  if (!failure.sqlstate.empty()) text += " (SQLSTATE " + failure.sqlstate + ")";
  return text;
}

void MigrationOutcomes::observe_duration(const Checkpoint& checkpoint, TimePoint now) {
  if (!checkpoint.migration) return;
  context_.metrics.observe_migration_duration(checkpoint.request.cluster, checkpoint.migration->kind,
                                              seconds_between(checkpoint.migration->started_at, now));
}

boost::asio::awaitable<Result<Checkpoint>> MigrationOutcomes::succeeded(const std::string& id) {
  const auto now = context_.clock();
  auto watching = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::start_watching,
        [&](Checkpoint& checkpoint) {
          if (checkpoint.migration) checkpoint.migration->finished_at = now;
          const auto& plan = checkpoint.request.plan;
          if (!checkpoint.watch || !plan || !plan->slo) return;
          checkpoint.watch->run.ends_at = now + plan->slo->window;
          if (checkpoint.watch->stage == WatchStage::measuring) {
            checkpoint.watch->stage_reason =
                "the migration finished; watching the SLOs until " + format_rfc3339(now + plan->slo->window);
          }
        },
        "the migration finished");
  });
  if (!watching) co_return watching;
  observe_duration(*watching, now);
  const auto& plan = watching->request.plan;
  if (!plan || plan->commit != CommitPolicy::automatic) co_return watching;
  // With an SLO watch the watch commits once its window passed (or a person promoted it).
  if (watching->watch && watching->watch->stage != WatchStage::promoted) co_return watching;
  const std::string why = watching->watch
                              ? "committed automatically: the SLO watch was promoted and the plan's commit is automatic"
                              : "committed automatically: the plan's commit is automatic";
  co_return co_await checkpoints_.commit(id, why);
}

boost::asio::awaitable<Result<Checkpoint>> MigrationOutcomes::failed(const std::string& id,
                                                                     const MigrationFailure& failure) {
  const auto now = context_.clock();
  const std::string what = describe(failure);
  auto recorded = co_await context_.on_pool([&] {
    return context_.store.update(
        id,
        [&](Checkpoint& checkpoint) {
          if (!checkpoint.migration) return;
          checkpoint.migration->failure = failure;
          checkpoint.migration->finished_at = now;
        },
        "migration.failed", what);
  });
  if (!recorded) co_return recorded;
  observe_duration(*recorded, now);
  co_return co_await checkpoints_.fail(id, "the migration failed: " + what);
}

}  // namespace ckpt::service
