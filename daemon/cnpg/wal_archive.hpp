// Where a source Cluster keeps its WAL archive, read from its spec (cnpg.md §3.6):
//   plugin              a spec.plugins[] entry named CnpgCluster.plugin_name with
//                       isWALArchiver: true (and not enabled: false); the ObjectStore is
//                       CnpgCluster.barman_object_name, else the entry's
//                       parameters.barmanObjectName.
//   barmanObjectStore   the in-tree spec.backup.barmanObjectStore (deprecated, served).
// The archive folder (serverName) is CnpgCluster.server_name, else the one the source
// archives to (plugin parameters.serverName / barmanObjectStore.serverName), else the
// source's name. It is ALWAYS returned explicitly: the Barman Cloud plugin's recovery
// default is the NEW cluster's name, which would find nothing.
// The backup method must match the archive (plugin backups with a plugin archive,
// barmanObjectStore backups with an in-tree one): a base backup in one place and the WAL
// in another cannot be restored from one source.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "config/config.hpp"
#include "core/result.hpp"

namespace ckpt::cnpg {

struct WalArchive {
  enum class Kind { plugin, barman_object_store };
  Kind kind = Kind::plugin;
  std::string server_name;
  std::string plugin_name;                  // plugin
  std::string barman_object_name;           // plugin
  boost::json::object barman_object_store;  // barmanObjectStore: the source's, serverName set
};

// "source Cluster payments/orders-db", the prefix of every message about the source.
std::string source_cluster_label(const config::CnpgCluster& cnpg);

// `source_spec` is the source Cluster's spec.
Result<WalArchive> find_wal_archive(const boost::json::object& source_spec, const config::CnpgCluster& cnpg);

// Barman Cloud plugin parameters for the archive's ObjectStore and folder `server_name`:
// {barmanObjectName, serverName}.
boost::json::object plugin_parameters(const WalArchive& archive, std::string_view server_name);

// The externalClusters[] entry that recovery reads the archive through.
boost::json::object recovery_source_entry(const WalArchive& archive, std::string_view entry_name);

}  // namespace ckpt::cnpg
