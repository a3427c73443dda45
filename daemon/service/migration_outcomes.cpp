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
        },
        "the migration finished");
  });
  if (!watching) co_return watching;
  observe_duration(*watching, now);
  const auto& plan = watching->request.plan;
  if (!plan || plan->commit != CommitPolicy::automatic) co_return watching;
  co_return co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::commit, [&](Checkpoint& checkpoint) { checkpoint.committed_at = now; },
        "committed automatically: the plan's commit is automatic");
  });
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
