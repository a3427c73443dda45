#include "service/checkpoint_service.hpp"

#include <random>

#include "core/begin_validation.hpp"
#include "core/refusal_reason.hpp"
#include "core/state_machine.hpp"
#include "obs/logging.hpp"
#include "service/errors.hpp"
#include "service/plan_admission.hpp"

namespace ckpt::service {
namespace {

std::string configured_clusters(const config::Config& config) {
  std::string names;
  for (const auto& cluster : config.clusters) {
    if (!names.empty()) names += ", ";
    names += cluster.name;
  }
  return names;
}

}  // namespace

std::string CheckpointService::new_checkpoint_id() const {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  for (;;) {
    std::string id;
    auto bits = generator();
    // A letter first keeps the id a valid Kubernetes name component on its own.
    id += static_cast<char>('a' + bits % 6);
    bits /= 6;
    for (int i = 0; i < 7; ++i, bits >>= 4U) id += kHex[bits & 0xFU];
    if (!context_.store.get(id)) return id;
  }
}

boost::asio::awaitable<Refusal> CheckpointService::record_refusal(const BeginRequest& request, const Error& given) {
  // Always a documented reason, whatever the engine's error carried (core/refusal_reason.hpp).
  Error error = given;
  error.reason = refusal_reason_for(given);
  Checkpoint refused;
  refused.id = new_checkpoint_id();
  refused.request = request;
  refused.state = CheckpointState::refused;
  refused.reason = error.reason;
  refused.message = error.message;
  refused.created_at = refused.updated_at = context_.clock();
  const auto cluster = refused.request.cluster;
  auto stored = co_await context_.on_pool(
      [&] { return context_.store.create(refused, "refused: " + error.message); });
  context_.metrics.count_refusal(cluster, error.reason);
  context_.metrics.count_outcome(cluster, "refused");
  if (!stored) {
    // Said to the caller and in the log, without the id of a checkpoint that does not exist.
    obs::ContextLogger(obs::logger("service"), {{"cluster", cluster}})
        .error("begin refused ({}): {}; this refusal could not be recorded: {}", error.reason, error.message,
               stored.error().message);
    Error unrecorded = error;
    unrecorded.message += " (this refusal could not be recorded: " + stored.error().message + ")";
    co_return Refusal{std::move(unrecorded), {}};
  }
  obs::ContextLogger(obs::logger("service"), {{"checkpoint", refused.id}, {"cluster", cluster}})
      .warn("begin refused ({}): {}", error.reason, error.message);
  co_return Refusal{error, refused.id};
}

boost::asio::awaitable<std::variant<BeginOutcome, Refusal, Error>> CheckpointService::begin(BeginRequest request) {
  if (auto valid = validate_begin(request); !valid) {
    if (valid.error().code != ErrorCode::refused) co_return valid.error();
    const Error refusal = valid.error();
    co_return co_await record_refusal(request, refusal);
  }
  const auto* cluster = context_.config.find_cluster(request.cluster);
  if (cluster == nullptr) {
    co_return make_error(ErrorCode::bad_request, "unknown cluster '" + request.cluster +
                                                     "'; configured clusters: " + configured_clusters(context_.config));
  }
  if (!request.idempotency_key.empty()) {
    if (auto existing = context_.store.find_by_idempotency_key(request.cluster, request.idempotency_key)) {
      co_return BeginOutcome{std::move(*existing), false};
    }
  }
  std::optional<PlanAdmission> admission;
  if (request.plan) {
    const std::vector<Checkpoint> checkpoints = context_.store.list(request.cluster, std::nullopt);
    std::vector<FlagReading> flag_readings;
    if (request.plan->phase == MigrationPhase::contract) {
      flag_readings = co_await go_no_go_.read_flags(checkpoints, request.plan->expand_migration_id);
    }
    auto judged = admit_plan(request, context_.config, *cluster, checkpoints, context_.clock(), flag_readings);
    if (auto* refused = std::get_if<PlanRefusal>(&judged)) {
      if (refused->error.code != ErrorCode::refused) co_return refused->error;
      context_.metrics.count_plan_refusal(cluster->name, refused->rule);
      const Error refusal = refused->error;
      co_return co_await record_refusal(request, refusal);
    }
    admission = std::get<PlanAdmission>(std::move(judged));
  }
  if (!claim_cluster(request.cluster)) {
    const Error busy = make_error(ErrorCode::refused,
                                  "cluster '" + cluster->name + "' is busy: another begin is being checked",
                                  refusal::cluster_busy);
    co_return co_await record_refusal(request, busy);
  }
  struct Release {
    CheckpointService& service;
    std::string cluster;
    ~Release() { service.release_cluster(cluster); }
  } release{*this, cluster->name};

  for (const auto& other : context_.store.list(request.cluster, std::nullopt)) {
    if (holds_cluster(other.state)) {
      const Error busy = make_error(ErrorCode::refused,
                                    "cluster '" + other.request.cluster + "' is busy: checkpoint '" + other.id +
                                        "' is " + std::string{to_string(other.state)} +
                                        "; commit, fail or abort it first",
                                    refusal::cluster_busy);
      co_return co_await record_refusal(request, busy);
    }
  }
  auto& engine = *context_.engines.at(request.cluster);
  if (auto ready = co_await engine.preflight(); !ready) {
    auto error = std::move(ready).error();
    if (error.code != ErrorCode::refused) {
      error = make_error(ErrorCode::refused, error.message, refusal::cluster_unreachable);
    }
    co_return co_await record_refusal(request, error);
  }

  Checkpoint checkpoint;
  checkpoint.id = new_checkpoint_id();
  checkpoint.request = std::move(request);
  checkpoint.state = CheckpointState::backing_up;
  checkpoint.created_at = checkpoint.updated_at = context_.clock();
  auto created = co_await context_.on_pool([&] {
    return context_.store.create(checkpoint, "begin: migration '" + checkpoint.request.migration_id + "' (" +
                                                 std::string{to_string(checkpoint.request.phase)} + ")");
  });
  if (!created) co_return created.error();
  if (admission) {
    co_await record_admission(*created, *admission);
  }
  runner_.start_backup(checkpoint.id);
  co_return BeginOutcome{std::move(created).value(), true};
}

boost::asio::awaitable<void> CheckpointService::record_admission(const Checkpoint& checkpoint,
                                                                  const PlanAdmission& admission) {
  const auto& plan = *checkpoint.request.plan;
  co_await context_.on_pool([&] { return context_.store.add_event(checkpoint.id, "plan", admission.summary); });
  if (!admission.break_glass_used) co_return;
  context_.metrics.count_break_glass(checkpoint.request.cluster);
  obs::ContextLogger(obs::logger("service"), {{"checkpoint", checkpoint.id}, {"cluster", checkpoint.request.cluster}})
      .warn("contract gate overridden by break-glass of {}: {}", plan.break_glass->by, plan.break_glass->reason);
}

boost::asio::awaitable<Result<Checkpoint>> CheckpointService::commit(std::string id, std::string why) {
  const auto now = context_.clock();
  auto committed = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::commit, [&](Checkpoint& checkpoint) { checkpoint.committed_at = now; }, why);
  });
  if (committed) context_.metrics.count_outcome(committed->request.cluster, "committed");
  co_return committed;
}

boost::asio::awaitable<Result<Checkpoint>> CheckpointService::fail(std::string id, std::string reason) {
  auto failed = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::fail,
        [&](Checkpoint& checkpoint) {
          checkpoint.reason = "migration_failed";
          checkpoint.message = reason;
        },
        "migration failed: " + reason);
  });
  if (!failed) co_return failed;
  context_.metrics.count_outcome(failed->request.cluster, "failed");
  const auto* cluster = context_.config.find_cluster(failed->request.cluster);
  if (cluster == nullptr || !cluster->auto_restore) co_return failed;
  const engine::RestoreOptions options{false, "auto"};
  const std::string why = "automatic restore after failure";
  co_return co_await start_restore(id, options, why);
}

boost::asio::awaitable<Result<Checkpoint>> CheckpointService::abort(std::string id, std::string reason) {
  auto aborted = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::abort,
        [&](Checkpoint& checkpoint) {
          checkpoint.reason = refusal::aborted;
          checkpoint.message = reason;
        },
        reason.empty() ? "aborted" : "aborted: " + reason);
  });
  if (aborted) context_.metrics.count_outcome(aborted->request.cluster, "aborted");
  co_return aborted;
}

boost::asio::awaitable<Result<RestoreOutcome>> CheckpointService::restore(std::string id,
                                                                          RestoreRequest request) {
  auto checkpoint = get(id);
  if (!checkpoint) co_return checkpoint.error();
  engine::RestoreOptions options{request.cutover, "manual"};
  if (request.dry_run) {
    // The same verdict as the real call: a plan is shown only for a restore that would start.
    if (auto possible = restorable(*checkpoint, options); !possible) co_return possible.error();
    auto plan = co_await context_.engines.at(checkpoint->request.cluster)->plan_restore(*checkpoint, options);
    if (!plan) co_return plan.error();
    co_return RestoreOutcome{std::move(plan).value()};
  }
  const std::string why = "restore requested";
  auto started = co_await start_restore(id, options, why);
  if (!started) co_return started.error();
  co_return RestoreOutcome{std::move(started).value()};
}

boost::asio::awaitable<Result<Checkpoint>> CheckpointService::restore_drill(const std::string& id) {
  const engine::RestoreOptions options{false, "drill"};
  const std::string why = "restore drill: restoring into the scratch target";
  co_return co_await start_restore(id, options, why);
}

boost::asio::awaitable<Result<Checkpoint>> CheckpointService::start_restore(const std::string& id,
                                                                            const engine::RestoreOptions& options,
                                                                            const std::string& why) {
  auto current = get(id);
  if (!current) co_return current.error();
  if (auto possible = restorable(*current, options); !possible) co_return possible.error();
  const auto now = context_.clock();
  auto started = co_await context_.on_pool([&] {
    return context_.store.apply(
        id, Action::start_restore,
        [&](Checkpoint& checkpoint) {
          RestoreRecord record;
          record.attempt = checkpoint.restore ? checkpoint.restore->attempt + 1 : 1;
          record.trigger = options.trigger;
          record.cutover = options.cutover;
          record.phases.push_back(RestorePhaseMark{"started", now});
          checkpoint.restore = std::move(record);
        },
        why + (options.cutover ? " (with cut-over)" : ""));
  });
  if (!started) co_return started;
  runner_.start_restore(id, options);
  co_return started;
}

Result<void> CheckpointService::restorable(const Checkpoint& checkpoint, const engine::RestoreOptions& options) const {
  if (!checkpoint.recovery_point || !checkpoint.backup) {
    return make_error(ErrorCode::conflict, "checkpoint '" + checkpoint.id + "' is " +
                                               std::string{to_string(checkpoint.state)} +
                                               " and never became ready: there is no recovery point to restore to");
  }
  if (auto possible = cutover_possible(checkpoint, options); !possible) return possible;
  if (auto next = next_state(checkpoint.state, Action::start_restore); !next) return std::move(next).error();
  return {};
}

Result<void> CheckpointService::cutover_possible(const Checkpoint& checkpoint,
                                                 const engine::RestoreOptions& options) const {
  if (!options.cutover) return {};
  return context_.engines.at(checkpoint.request.cluster)->check_cutover(checkpoint);
}

bool CheckpointService::claim_cluster(const std::string& cluster) {
  std::lock_guard lock(beginning_mutex_);
  return beginning_.insert(cluster).second;
}

void CheckpointService::release_cluster(const std::string& cluster) {
  std::lock_guard lock(beginning_mutex_);
  beginning_.erase(cluster);
}

Result<Checkpoint> CheckpointService::get(const std::string& id) const {
  if (auto checkpoint = context_.store.get(id)) return std::move(*checkpoint);
  return checkpoint_not_found(id);
}

std::vector<Checkpoint> CheckpointService::list(std::optional<std::string> cluster,
                                                std::optional<CheckpointState> state) const {
  return context_.store.list(std::move(cluster), state);
}

Result<std::vector<Event>> CheckpointService::events(const std::string& id) const {
  if (!context_.store.get(id)) return checkpoint_not_found(id);
  return context_.store.events(id);
}

}  // namespace ckpt::service
