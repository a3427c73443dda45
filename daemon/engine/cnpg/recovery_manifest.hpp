// The recovery Cluster of a checkpoint's restore attempt (cnpg/recovery_cluster.hpp),
// rendered from the source Cluster as the API returns it now and, for volumeSnapshot
// backups, from the snapshot elements in the status of the checkpoint's Backup. Which
// object a restore acts on, and why cut-over is refused, are decided here too, so that
// `restore --dry-run` shows exactly what a restore applies.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/cnpg/cnpg_context.hpp"

namespace ckpt::engine::cnpg {

struct RestoreTarget {
  std::string name;  // the recovery Cluster
  int attempt = 1;
};

// The target recorded with the checkpoint's restore (a resumed restore finds its Cluster),
// else restore_target_name(<CNPG cluster>, checkpoint, attempt).
RestoreTarget restore_target_for(const CnpgContext& context, const Checkpoint& checkpoint);
// The target of the restore the service would start next (attempt = the recorded one + 1).
RestoreTarget next_restore_target(const CnpgContext& context, const Checkpoint& checkpoint);

// ErrorCode::bad_request: CNPG never restores in place, so there is nothing to cut over;
// the application must be pointed at <name>-rw.
Error cutover_refused(const CnpgContext& context, const std::string& recovery_cluster);

boost::asio::awaitable<Result<boost::json::object>> render_recovery_manifest(const CnpgContext& context,
                                                                             const Checkpoint& checkpoint, int attempt);

}  // namespace ckpt::engine::cnpg
