// The local engine: PostgreSQL on this host (a data directory and a port).
// Checkpoint = pg_basebackup into backup_directory (or a recent backup reused by
// policy) + a restore point proven archived in archive_directory
// (engine/common/archived_recovery_point.hpp). Restore = PITR into
// a NEW data directory in restore_directory on a free port, WAL prefetched in parallel,
// verified, and optionally cut over into the original's place (the original data
// directory is kept as <data_directory>.replaced-<checkpoint id>). Restore phases:
// started, base_copied, recovery_started, promoted, verified, cut_over. With
// prewarmed_restore, each ready checkpoint gets a parked copy (engine/local/parked_copy.hpp)
// that a restore promotes instead (phases started, promoted, verified, cut_over).
// All blocking work (libpqxx, child processes, copies, fsync) runs on the blocking
// pool; waits use timers on the caller's executor; every wait has the cluster's
// deadline (config::Deadlines).
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/thread_pool.hpp>
#include <memory>

#include "config/config.hpp"
#include "engine/engine.hpp"
#include "engine/local/backup_store.hpp"
#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

class LocalEngine final : public Engine {
 public:
  // Throws std::invalid_argument when `cluster` has no local settings.
  LocalEngine(const config::Cluster& cluster, boost::asio::thread_pool& blocking_pool,
              std::shared_ptr<spdlog::logger> logger);

  std::string kind() const override { return "local"; }
  Task<void> preflight() override;
  boost::asio::awaitable<ClusterHealth> probe_health() override;
  Task<BackupInfo> take_backup(const Checkpoint& checkpoint, const BackupReuse& reuse) override;
  Task<RecoveryPoint> record_recovery_point(const Checkpoint& checkpoint) override;
  Task<std::string> schema_fingerprint() override;
  pg::ConnParams migration_connection() const override {
    auto params = context_.source_connection(context_.deadlines.preflight);
    params.statement_timeout = std::chrono::milliseconds{0};
    return params;
  }
  Result<void> check_cutover(const Checkpoint&) const override { return {}; }
  Task<RestorePlan> plan_restore(const Checkpoint& checkpoint, const RestoreOptions& options) override;
  Task<RestoreOutcome> restore(const Checkpoint& checkpoint, const RestoreOptions& options,
                               RestoreObserver& observer) override;
  Task<void> remove_drill_target(const Checkpoint& checkpoint) override;
  bool parks_copies() const override { return context_.local.prewarmed_restore; }
  Result<ParkedCopy> plan_parked_copy(const Checkpoint& checkpoint) override;
  Task<ParkedCopy> build_parked_copy(const Checkpoint& checkpoint) override;
  Task<void> remove_parked_copy(const Checkpoint& checkpoint) override;

 private:
  LocalContext context_;
  BackupStore backups_;
};

}  // namespace ckpt::engine::local
