#include "engine/cnpg/restore_plan.hpp"

#include "cnpg/manifest_yaml.hpp"
#include "cnpg/server_certificates.hpp"
#include "core/duration.hpp"
#include "engine/cnpg/recovery_manifest.hpp"
#include "engine/common/restorable.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::engine::cnpg {
namespace {

std::string describe_target(const config::CnpgCluster& cnpg, const RecoveryPoint& point) {
  const auto on_timeline = " on timeline " + std::to_string(point.timeline);
  if (cnpg.recovery_target == "name") return "restore point '" + point.restore_point + "'" + on_timeline;
  if (cnpg.recovery_target == "time") return "time " + point.server_time + on_timeline;
  return "lsn " + format_lsn(point.target_lsn) + " (exclusive)" + on_timeline + ", restore point " +
         point.restore_point;
}

// How the verifying connection's TLS is checked, for the verification step.
std::string describe_tls(const CnpgContext& context, const std::string& recovery_cluster,
                         const boost::json::object& manifest) {
  if (auto unverified = context.unverified_tls(recovery_cluster, restored_ca_of(manifest))) {
    return " (" + *unverified + ")";
  }
  const auto shared_ca = ckpt::cnpg::shared_server_ca_of(manifest);
  if (!shared_ca || context.cnpg.sslmode.empty()) return "";
  return " with sslmode " + context.cnpg.sslmode +
         " as for the source (CNPG signs the new server certificate with the source's server CA, Secret " +
         *shared_ca + ")";
}

RestorePlan plan_for(const CnpgContext& context, const Checkpoint& checkpoint, const RestoreTarget& target,
                     const boost::json::object& manifest) {
  const auto& backup = *checkpoint.backup;
  const auto& point = *checkpoint.recovery_point;
  const auto cluster = context.label("Cluster", target.name);
  const auto ca = restored_ca_of(manifest);
  const auto service = pg::describe(context.restored_connection(target.name, ca, context.deadlines.preflight)) +
                       describe_tls(context, target.name, manifest);
  RestorePlan plan;
  plan.engine = "cnpg";
  plan.target = target.name;
  plan.base_backup = backup.backup_id + " (Backup " + backup.name + ")";
  plan.recovery_target = describe_target(context.cnpg, point);
  plan.manifest = ckpt::cnpg::to_yaml(manifest);
  plan.steps = {
      "record " + target.name + " as the restore's target, then create " + cluster +
          " (a Cluster of that name created for this checkpoint is adopted; any other is refused and left alone)",
      "CNPG restores base backup " + backup.backup_id + " from the source's archive and replays WAL to " +
          plan.recovery_target + ", then promotes",
      "follow the Cluster (watch) until Initialized=True or readyInstances >= 1, then phase 'Cluster in healthy "
      "state' with Ready=True, within " +
          format_duration(context.deadlines.restore) + "; phase 'Cluster is unrecoverable ...' fails at once",
      "verify through " + service + ": not in recovery, a timeline after " + std::to_string(point.timeline) +
          ", the timeline history records the stop before " + format_lsn(point.target_lsn) +
          " (when the role may read it), the schema fingerprint equals the checkpoint's",
      "leave the source " + context.label("Cluster", context.cnpg.cluster_name) +
          " untouched; to use the restored database, point the application at " + target.name + "-rw",
  };
  return plan;
}

}  // namespace

boost::asio::awaitable<Result<RestorePlan>> describe_restore(const CnpgContext& context, const Checkpoint& checkpoint,
                                                             const RestoreOptions& options) {
  const auto target = restore_target_for(context, checkpoint);
  if (options.cutover) co_return cutover_refused(context, target.name);
  if (auto restorable = require_restorable(checkpoint); !restorable) co_return restorable.error();
  auto manifest = co_await render_recovery_manifest(context, checkpoint, target.attempt);
  if (!manifest) co_return std::move(manifest).error();
  const std::string crd = kClustersCrd;
  const auto object = context.label("Cluster", target.name);
  auto checked = co_await context.manifests->check(crd, object, *manifest);
  if (!checked) co_return std::move(checked).error();
  co_return plan_for(context, checkpoint, target, *manifest);
}

}  // namespace ckpt::engine::cnpg
