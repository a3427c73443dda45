// The on-demand Backup a checkpoint takes (cnpg.md §2.2, §9.1): named
// backup_object_name(cnpg.cluster_name, checkpoint id) so a retry finds it (the spec is
// immutable: a new attempt needs a new name), always on the primary (a standby's backup
// lags and forces no WAL switch on the primary). Method from cnpg.backup_method (the
// config loader admits only plugin | barmanObjectStore | volumeSnapshot):
//   plugin             pluginConfiguration {name} only; the Barman Cloud plugin takes its
//                      ObjectStore from the Cluster's plugin entry, so no parameters
//   barmanObjectStore  nothing more (online/onlineConfiguration are rejected with it)
//   volumeSnapshot     online: true and onlineConfiguration {immediateCheckpoint: true,
//                      waitForArchive: true}: a hot snapshot that starts at once and whose
//                      end WAL is archived before the Backup completes
// Labels: checkpoint-id, migration-id (sanitized), managed-by, cnpg.io/cluster;
// annotations: migration id and purpose verbatim.
#pragma once

#include <boost/json/object.hpp>

#include "config/config.hpp"
#include "core/checkpoint.hpp"

namespace ckpt::cnpg {

boost::json::object render_backup(const config::CnpgCluster& cnpg, const Checkpoint& checkpoint);

}  // namespace ckpt::cnpg
