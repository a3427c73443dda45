// What a recovery Cluster asks for, read from its spec the way CNPG and the Barman Cloud
// plugin read it (cnpg.md §3.1, §3.2, §3.6):
//   bootstrap.recovery.source -> the externalClusters[] entry of that name -> its plugin
//   (barman-cloud.cloudnative-pg.io, parameters barmanObjectName + serverName; serverName
//   defaults to the RECOVERING Cluster's own name, as in the plugin's code) or its in-tree
//   barmanObjectStore (serverName defaults to the entry's name) -> the archive folder.
//   recoveryTarget -> backup choice + PostgreSQL recovery settings, checked like CNPG's
//   webhook (one target at most, LSN/time/TLI/XID formats, targetName/XID/Immediate
//   need backupID).
//   The Cluster's own WAL archiver, if any: a spec.plugins[] entry with isWALArchiver
//   (serverName defaults to the Cluster's name) or spec.backup.barmanObjectStore.
// Definitions the emulation cannot act on (recovery from volumeSnapshots or from a Backup
// object, connection-only sources, other plugins) are refused the same way. Every error
// is "<field path>: <problem>", e.g. "spec.bootstrap.recovery.source: no externalClusters
// entry is named 'origin'".
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cnpgemu/backup_catalog.hpp"
#include "cnpgemu/target_time.hpp"
#include "core/lsn.hpp"
#include "core/result.hpp"

namespace ckpt::cnpgemu {

inline constexpr const char* kBarmanCloudPlugin = "barman-cloud.cloudnative-pg.io";

struct RecoveryTarget {
  std::string backup_id;
  std::string timeline;  // targetTLI verbatim: "latest" or a number; "" when absent
  std::optional<Lsn> lsn;
  std::optional<TargetTime> time;
  std::string name;
  std::string xid;
  bool immediate = false;
  bool exclusive = false;

  // The backup this target restores from (cnpg.md §3.4), for BackupCatalog::choose.
  BackupChoice backup_choice() const;
};

struct RecoveryRequest {
  std::string source_server_name;                  // the archive folder to restore from
  std::string source_object_store;                 // the plugin's ObjectStore; "" for in-tree
  std::optional<std::string> archive_server_name;  // the Cluster's own archive folder
  RecoveryTarget target;
};

// `cluster` is a Cluster object with spec.bootstrap.recovery.
Result<RecoveryRequest> read_recovery_request(const boost::json::object& cluster);

}  // namespace ckpt::cnpgemu
