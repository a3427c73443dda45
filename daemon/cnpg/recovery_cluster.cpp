#include "cnpg/recovery_cluster.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "cnpg/json_lookup.hpp"
#include "cnpg/labels.hpp"
#include "cnpg/recovery_target.hpp"
#include "cnpg/server_certificates.hpp"
#include "cnpg/wal_archive.hpp"

namespace ckpt::cnpg {
namespace {

// Source spec fields that are not copied (see the header for why); `backup`, `plugins`,
// `managed` and `certificates` are rewritten rather than dropped.
constexpr std::array<std::string_view, 8> kNotCopied{
    "bootstrap", "externalClusters", "replica", "plugins", "backup", "managed", "certificates", "inheritedMetadata",
};

// The application database settings kept from the source's bootstrap method.
constexpr std::array<std::string_view, 3> kApplicationKeys{"database", "owner", "secret"};

bool is_copied(std::string_view key) {
  return std::find(kNotCopied.begin(), kNotCopied.end(), key) == kNotCopied.end();
}

boost::json::object copied_spec(const boost::json::object& source_spec) {
  boost::json::object spec;
  for (const auto& field : source_spec) {
    if (is_copied(field.key())) spec.emplace(field.key(), field.value());
  }
  if (const auto* managed = object_at(&source_spec, "managed"); managed != nullptr && managed->contains("roles")) {
    spec["managed"] = boost::json::object{{"roles", managed->at("roles")}};
  }
  return spec;
}

// database / owner / secret of the source's bootstrap (initdb, recovery or pg_basebackup).
void keep_application_database(const boost::json::object& source_spec, boost::json::object& recovery) {
  const auto* bootstrap = object_at(&source_spec, "bootstrap");
  if (bootstrap == nullptr) return;
  for (const auto& method : *bootstrap) {
    const auto* settings = method.value().if_object();
    if (settings == nullptr) continue;
    for (const auto key : kApplicationKeys) {
      if (const auto* value = settings->if_contains(key)) recovery[key] = *value;
    }
  }
}

boost::json::object snapshot_reference(const std::string& name) {
  return {{"name", name}, {"kind", "VolumeSnapshot"}, {"apiGroup", "snapshot.storage.k8s.io"}};
}

Result<boost::json::object> volume_snapshots(const std::vector<SnapshotElement>& snapshots,
                                             const boost::json::object& source_spec, const Checkpoint& checkpoint) {
  boost::json::object references;
  boost::json::object tablespaces;
  for (const auto& snapshot : snapshots) {
    if (snapshot.type == "PG_DATA") references["storage"] = snapshot_reference(snapshot.name);
    if (snapshot.type == "PG_WAL") references["walStorage"] = snapshot_reference(snapshot.name);
    if (snapshot.type == "PG_TABLESPACE") tablespaces[snapshot.tablespace_name] = snapshot_reference(snapshot.name);
  }
  const auto backup_name = checkpoint.backup ? checkpoint.backup->name : std::string{"of checkpoint " + checkpoint.id};
  if (!references.contains("storage")) {
    return make_error(ErrorCode::engine_error, "Backup " + backup_name +
                                                   " lists no PG_DATA volume snapshot in "
                                                   "status.snapshotBackupStatus.elements: nothing to restore from");
  }
  if (source_spec.contains("walStorage") && !references.contains("walStorage")) {
    return make_error(ErrorCode::engine_error, "Backup " + backup_name +
                                                   " lists no PG_WAL volume snapshot but the source Cluster has "
                                                   "spec.walStorage: the WAL volume cannot be restored");
  }
  if (!tablespaces.empty()) references["tablespaceStorage"] = std::move(tablespaces);
  return references;
}

Result<boost::json::object> recovery_bootstrap(const boost::json::object& source_spec, const config::CnpgCluster& cnpg,
                                               const Checkpoint& checkpoint,
                                               const std::vector<SnapshotElement>& snapshots) {
  const bool from_snapshots = cnpg.backup_method == "volumeSnapshot";
  boost::json::object recovery;
  recovery["source"] = kRecoverySourceName;
  if (from_snapshots) {
    auto references = volume_snapshots(snapshots, source_spec, checkpoint);
    if (!references) return std::move(references).error();
    recovery["volumeSnapshots"] = std::move(references).value();
  }
  auto target = render_recovery_target(cnpg, checkpoint, from_snapshots ? BackupPin::forbidden : BackupPin::pinned);
  if (!target) return std::move(target).error();
  recovery["recoveryTarget"] = std::move(target).value();
  keep_application_database(source_spec, recovery);
  return boost::json::object{{"recovery", std::move(recovery)}};
}

// The restored cluster archives into the same store under its own serverName.
void archive_under_own_name(const boost::json::object& source_spec, const WalArchive& archive,
                            std::string_view new_name, boost::json::object& spec) {
  if (const auto* backup = object_at(&source_spec, "backup")) {
    boost::json::object own_backup = *backup;
    if (auto* store = own_backup.if_contains("barmanObjectStore"); store != nullptr && store->is_object()) {
      store->get_object()["serverName"] = new_name;
    }
    spec["backup"] = std::move(own_backup);
  }
  if (archive.kind == WalArchive::Kind::plugin) {
    boost::json::object plugin;
    plugin["name"] = archive.plugin_name;
    plugin["isWALArchiver"] = true;
    plugin["parameters"] = plugin_parameters(archive, new_name);
    spec["plugins"] = boost::json::array{std::move(plugin)};
  }
}

}  // namespace

Result<boost::json::object> render_recovery_cluster(const boost::json::object& source_cluster,
                                                    const config::CnpgCluster& cnpg, const Checkpoint& checkpoint,
                                                    int attempt, const std::vector<SnapshotElement>& snapshots) {
  const auto* source_spec = object_at(&source_cluster, "spec");
  if (source_spec == nullptr) {
    return make_error(ErrorCode::engine_error,
                      source_cluster_label(cnpg) + " has no spec: cannot render a recovery Cluster from it");
  }
  auto archive = find_wal_archive(*source_spec, cnpg);
  if (!archive) return std::move(archive).error();
  auto bootstrap = recovery_bootstrap(*source_spec, cnpg, checkpoint, snapshots);
  if (!bootstrap) return std::move(bootstrap).error();

  const auto name = restore_target_name(cnpg.cluster_name, checkpoint, attempt);
  auto metadata = checkpoint_metadata(name, cnpg.namespace_name, checkpoint);
  auto& labels = metadata["labels"].get_object();
  labels[kRestoreAttemptLabel] = std::to_string(attempt);
  labels[kSourceClusterLabel] = sanitize_label_value(cnpg.cluster_name);

  auto spec = copied_spec(*source_spec);
  if (auto server_ca = shared_server_ca_secret(source_cluster)) {
    spec["certificates"] = boost::json::object{{"serverCASecret", std::move(*server_ca)}};
  }
  spec["bootstrap"] = std::move(bootstrap).value();
  spec["externalClusters"] = boost::json::array{recovery_source_entry(*archive, kRecoverySourceName)};
  archive_under_own_name(*source_spec, *archive, name, spec);

  return boost::json::object{
      {"apiVersion", "postgresql.cnpg.io/v1"},
      {"kind", "Cluster"},
      {"metadata", std::move(metadata)},
      {"spec", std::move(spec)},
  };
}

}  // namespace ckpt::cnpg
