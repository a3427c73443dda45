// The cnpg engine: a CloudNativePG cluster reached through the Kubernetes API.
// Checkpoint = an on-demand Backup <cluster>-ckpt-<id> followed to completed
// (backup_runner.hpp) + a restore point recorded on the source's primary through its
// read-write service and proven archived (recovery_point.hpp). Restore = a NEW recovery
// Cluster <cluster>-pitr-<id>[-<attempt>] bootstrapped from the backup to the recovery
// point, followed to healthy and verified through its own read-write service
// (restore_run.hpp). Restore phases: started (by the service), applied, initialized,
// ready, verified. CNPG never restores in place: the source is never modified, and
// cut-over is refused (check_cutover, asked by the service before anything is recorded).
// Every Backup and recovery Cluster is checked against the schema of its CRD, read once
// per engine, before it is sent (manifest_validator.hpp). Kubernetes calls are coroutines
// on the caller's executor (KubeClient's deadlines and retries), waits follow watches,
// libpqxx runs on the blocking pool; every wait has the cluster's deadline
// (config::Deadlines, cnpg.backup_phase_deadlines).
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/thread_pool.hpp>
#include <memory>

#include "config/config.hpp"
#include "engine/cnpg/cnpg_context.hpp"
#include "engine/engine.hpp"
#include "kube/kube_client.hpp"

namespace ckpt::engine::cnpg {

class CnpgEngine final : public Engine {
 public:
  // Throws std::invalid_argument when `cluster` has no cnpg settings or an invalid rw_host.
  // `kube` must outlive the engine.
  CnpgEngine(const config::Cluster& cluster, kube::KubeClient& kube, boost::asio::thread_pool& blocking,
             std::shared_ptr<spdlog::logger> logger);

  std::string kind() const override { return "cnpg"; }
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
  // Always refused: CNPG never restores in place (recovery_manifest.hpp cutover_refused).
  Result<void> check_cutover(const Checkpoint& checkpoint) const override;
  Task<RestorePlan> plan_restore(const Checkpoint& checkpoint, const RestoreOptions& options) override;
  Task<RestoreOutcome> restore(const Checkpoint& checkpoint, const RestoreOptions& options,
                               RestoreObserver& observer) override;
  Task<void> remove_drill_target(const Checkpoint& checkpoint) override;

 private:
  CnpgContext context_;
};

}  // namespace ckpt::engine::cnpg
