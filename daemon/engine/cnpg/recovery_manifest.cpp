#include "engine/cnpg/recovery_manifest.hpp"

#include "cnpg/backup_status.hpp"
#include "cnpg/recovery_cluster.hpp"

namespace ckpt::engine::cnpg {
namespace {

using boost::asio::awaitable;

// The Backup's volume snapshots (volumeSnapshot backups only).
awaitable<Result<std::vector<ckpt::cnpg::SnapshotElement>>> snapshots_of(const CnpgContext& context,
                                                                         const Checkpoint& checkpoint) {
  if (context.cnpg.backup_method != "volumeSnapshot") co_return std::vector<ckpt::cnpg::SnapshotElement>{};
  const auto ref = context.backups(checkpoint.backup->name);
  auto backup = co_await context.kube->get(ref);
  if (!backup) co_return std::move(backup).error();
  auto status = ckpt::cnpg::parse_backup_status(*backup);
  if (!status) co_return std::move(status).error();
  co_return std::move(status->snapshots);
}

}  // namespace

RestoreTarget restore_target_for(const CnpgContext& context, const Checkpoint& checkpoint) {
  const auto& record = checkpoint.restore;
  const int attempt = record ? record->attempt : 1;
  if (record && !record->target.empty()) return {record->target, attempt};
  return {restore_target_name(context.cnpg.cluster_name, checkpoint, attempt), attempt};
}

RestoreTarget next_restore_target(const CnpgContext& context, const Checkpoint& checkpoint) {
  const int attempt = checkpoint.restore ? checkpoint.restore->attempt + 1 : 1;
  return {restore_target_name(context.cnpg.cluster_name, checkpoint, attempt), attempt};
}

Error cutover_refused(const CnpgContext& context, const std::string& recovery_cluster) {
  return make_error(ErrorCode::bad_request,
                    "the cnpg engine does not cut over: CNPG never restores in place, so the restored database is "
                    "the new " +
                        context.label("Cluster", recovery_cluster) +
                        " and the source stays as it is; restore without --cutover, then point the application at "
                        "the read-write service " +
                        recovery_cluster + "-rw in namespace " + context.cnpg.namespace_name);
}

awaitable<Result<boost::json::object>> render_recovery_manifest(const CnpgContext& context,
                                                                const Checkpoint& checkpoint, int attempt) {
  const auto ref = context.clusters(context.cnpg.cluster_name);
  auto source = co_await context.kube->get(ref);
  if (!source) co_return std::move(source).error();
  auto snapshots = co_await snapshots_of(context, checkpoint);
  if (!snapshots) co_return std::move(snapshots).error();
  co_return ckpt::cnpg::render_recovery_cluster(*source, context.cnpg, checkpoint, attempt, *snapshots);
}

}  // namespace ckpt::engine::cnpg
