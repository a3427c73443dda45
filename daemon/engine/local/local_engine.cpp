#include "engine/local/local_engine.hpp"

#include <stdexcept>

#include "engine/common/archived_recovery_point.hpp"
#include "engine/local/drill_removal.hpp"
#include "engine/local/parked_copy.hpp"
#include "engine/local/preflight.hpp"
#include "engine/local/restore_plan.hpp"
#include "engine/local/restore_run.hpp"
#include "net/blocking.hpp"
#include "pg/instance_state.hpp"
#include "pg/schema_fingerprint.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::local {
namespace {

const config::LocalCluster& local_settings(const config::Cluster& cluster) {
  if (!cluster.local) {
    throw std::invalid_argument("cluster " + cluster.name + " uses the local engine but has no `local` settings");
  }
  return *cluster.local;
}

// Where the server writes WAL, or nullopt when it cannot be asked (then no backup is reused).
std::optional<BackupStore::ServerPosition> server_position_of(const LocalContext& context) {
  auto session = pg::open_session(context.source_connection(context.deadlines.preflight));
  if (!session) return std::nullopt;
  auto timeline = pg::current_timeline(**session);
  auto insert_lsn = pg::current_insert_lsn(**session);
  if (!timeline || !insert_lsn) return std::nullopt;
  return BackupStore::ServerPosition{timeline.value(), insert_lsn.value()};
}

}  // namespace

LocalEngine::LocalEngine(const config::Cluster& cluster, boost::asio::thread_pool& blocking_pool,
                         std::shared_ptr<spdlog::logger> logger)
    : context_{cluster.name, local_settings(cluster), cluster.deadlines, &blocking_pool, std::move(logger)},
      backups_{cluster.name, context_.local, context_.logger} {}

Task<void> LocalEngine::preflight() {
  co_return co_await net::run_blocking(*context_.pool, [this] { return check_preflight(context_); });
}

boost::asio::awaitable<ClusterHealth> LocalEngine::probe_health() {
  co_return co_await net::run_blocking(*context_.pool, [this] { return probe_cluster(context_); });
}

Task<BackupInfo> LocalEngine::take_backup(const Checkpoint& checkpoint, const BackupReuse& reuse) {
  const auto id = checkpoint.id;
  context_.logger->info("cluster={} checkpoint={} base backup into {}", context_.cluster, id,
                        backups_.directory_for(id).string());
  auto backup = co_await net::run_blocking(*context_.pool, [this, &id, &reuse] {
    const auto position = context_.local.backup_max_age.count() > 0 ? server_position_of(context_) : std::nullopt;
    return backups_.find_or_take(id, position, reuse, context_.deadlines.backup);
  });
  if (!backup) {
    context_.logger->error("cluster={} checkpoint={} {}", context_.cluster, id, backup.error().message);
  } else {
    context_.logger->info("cluster={} checkpoint={} base backup {} ({}) from {} to {}", context_.cluster, id,
                          backup->backup_id, backup->reused ? "reused" : "own", format_lsn(backup->begin_lsn),
                          format_lsn(backup->end_lsn));
  }
  co_return backup;
}

Task<RecoveryPoint> LocalEngine::record_recovery_point(const Checkpoint& checkpoint) {
  RecoveryPointSource source;
  source.cluster = context_.cluster;
  source.connection = context_.source_connection(context_.deadlines.preflight);
  source.archive_wait = context_.deadlines.archive_wait;
  source.missing_from_archive = [archive = context_.local.archive_directory](const std::string& wal_file) {
    std::error_code error;
    return std::filesystem::is_regular_file(archive / wal_file, error)
               ? std::nullopt
               : std::optional<std::string>{"not in archive_directory " + archive.string()};
  };
  source.pool = context_.pool;
  source.logger = context_.logger;
  co_return co_await record_archived_recovery_point(source, checkpoint);
}

Task<std::string> LocalEngine::schema_fingerprint() {
  co_return co_await net::run_blocking(*context_.pool, [this]() -> Result<std::string> {
    auto session = pg::open_session(context_.source_connection(context_.deadlines.preflight));
    if (!session) return std::move(session).error();
    return pg::schema_fingerprint(**session);
  });
}

Task<RestorePlan> LocalEngine::plan_restore(const Checkpoint& checkpoint, const RestoreOptions& options) {
  co_return describe_restore(context_, checkpoint, options);
}

Task<RestoreOutcome> LocalEngine::restore(const Checkpoint& checkpoint, const RestoreOptions& options,
                                          RestoreObserver& observer) {
  RestoreRun run{context_, checkpoint, options, observer};
  co_return co_await run.run();  // the service logs and records a failure
}

Task<void> LocalEngine::remove_drill_target(const Checkpoint& checkpoint) {
  co_return co_await net::run_blocking(*context_.pool,
                                       [this, &checkpoint] { return remove_drill_restore(context_, checkpoint); });
}

Result<ParkedCopy> LocalEngine::plan_parked_copy(const Checkpoint& checkpoint) {
  return local::plan_parked_copy(context_, checkpoint);
}

Task<ParkedCopy> LocalEngine::build_parked_copy(const Checkpoint& checkpoint) {
  co_return co_await local::build_parked_copy(context_, checkpoint);
}

Task<void> LocalEngine::remove_parked_copy(const Checkpoint& checkpoint) {
  co_return co_await net::run_blocking(*context_.pool,
                                       [this, &checkpoint] { return local::remove_parked_copy(context_, checkpoint); });
}

}  // namespace ckpt::engine::local
