#include "engine/cnpg/cnpg_engine.hpp"

#include <stdexcept>

#include "config/host_template.hpp"
#include "engine/common/drill_target.hpp"
#include "engine/cnpg/backup_runner.hpp"
#include "engine/cnpg/owned_object.hpp"
#include "engine/cnpg/preflight.hpp"
#include "engine/cnpg/recovery_manifest.hpp"
#include "engine/cnpg/recovery_point.hpp"
#include "engine/cnpg/restore_plan.hpp"
#include "engine/cnpg/restore_run.hpp"
#include "net/blocking.hpp"
#include "pg/schema_fingerprint.hpp"
#include "pg/session.hpp"

namespace ckpt::engine::cnpg {
namespace {

const config::CnpgCluster& cnpg_settings(const config::Cluster& cluster) {
  if (!cluster.cnpg) {
    throw std::invalid_argument("cluster " + cluster.name + " uses the cnpg engine but has no `cnpg` settings");
  }
  if (!config::expand_host_template(cluster.cnpg->rw_host, "", "")) {
    throw std::invalid_argument("cluster " + cluster.name + ": rw_host '" + cluster.cnpg->rw_host +
                                "' uses '{' or '}' outside the placeholders {cluster} and {namespace}");
  }
  return *cluster.cnpg;
}

std::shared_ptr<ManifestValidator> manifest_validator(const config::Cluster& cluster, kube::KubeClient& kube,
                                                      std::shared_ptr<spdlog::logger> logger) {
  ManifestValidator::CrdReader read_crd = [client = &kube](std::string crd_name) {
    return client->get_crd(std::move(crd_name));
  };
  return std::make_shared<ManifestValidator>(std::move(read_crd), std::move(logger), cluster.name);
}

}  // namespace

CnpgEngine::CnpgEngine(const config::Cluster& cluster, kube::KubeClient& kube, boost::asio::thread_pool& blocking,
                       std::shared_ptr<spdlog::logger> logger)
    : context_{cluster.name,
               cnpg_settings(cluster),
               cluster.deadlines,
               &kube,
               &blocking,
               logger,
               manifest_validator(cluster, kube, logger)} {}

Task<void> CnpgEngine::preflight() {
  co_return co_await check_preflight(context_);
}

boost::asio::awaitable<ClusterHealth> CnpgEngine::probe_health() {
  co_return co_await probe_cluster(context_);
}

// CNPG keeps no reusable backups of ours: every checkpoint takes its own Backup.
Task<BackupInfo> CnpgEngine::take_backup(const Checkpoint& checkpoint, const BackupReuse& /*reuse*/) {
  auto backup = co_await run_backup(context_, checkpoint);
  if (!backup) {
    context_.logger->error("cluster={} checkpoint={} {}", context_.cluster, checkpoint.id, backup.error().message);
  } else {
    context_.logger->info("cluster={} checkpoint={} Backup {} completed: backup {} from {} to {}", context_.cluster,
                          checkpoint.id, backup->name, backup->backup_id, format_lsn(backup->begin_lsn),
                          format_lsn(backup->end_lsn));
  }
  co_return backup;
}

Task<RecoveryPoint> CnpgEngine::record_recovery_point(const Checkpoint& checkpoint) {
  co_return co_await record_cnpg_recovery_point(context_, checkpoint);
}

Task<std::string> CnpgEngine::schema_fingerprint() {
  co_return co_await net::run_blocking(*context_.pool, [this]() -> Result<std::string> {
    auto session = pg::open_session(context_.source_connection(context_.deadlines.preflight));
    if (!session) return std::move(session).error();
    return pg::schema_fingerprint(**session);
  });
}

Result<void> CnpgEngine::check_cutover(const Checkpoint& checkpoint) const {
  return cutover_refused(context_, next_restore_target(context_, checkpoint).name);
}

Task<RestorePlan> CnpgEngine::plan_restore(const Checkpoint& checkpoint, const RestoreOptions& options) {
  co_return co_await describe_restore(context_, checkpoint, options);
}

Task<RestoreOutcome> CnpgEngine::restore(const Checkpoint& checkpoint, const RestoreOptions& options,
                                         RestoreObserver& observer) {
  RestoreRun run{context_, checkpoint, options, observer};
  co_return co_await run.run();  // the service logs and records a failure
}

Task<void> CnpgEngine::remove_drill_target(const Checkpoint& checkpoint) {
  auto name = drill_target_name(checkpoint, context_.cnpg.cluster_name);
  if (!name) co_return std::move(name).error();
  if (name->empty()) co_return Result<void>{};
  const auto ref = context_.clusters(*name);
  const std::string id = checkpoint.id;
  const std::string kind = "Cluster";
  auto found = co_await find_owned(*context_.kube, ref, id, kind);
  if (!found) co_return std::move(found).error();
  if (found->has_value()) {
    auto removed = co_await context_.kube->remove(ref);
    if (!removed && removed.error().code != ErrorCode::not_found) co_return std::move(removed).error();
    context_.logger->info("cluster={} checkpoint={} drill scratch {} deleted", context_.cluster, id,
                          context_.label(kind, *name));
  }
  co_return Result<void>{};
}

}  // namespace ckpt::engine::cnpg
