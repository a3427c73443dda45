// The recovery Cluster for a checkpoint (cnpg.md §3, §9.2/9.3): a NEW Cluster named
// restore_target_name(cluster_name, checkpoint, attempt) in the source's namespace (a drill's
// scratch Cluster <cluster>-drill-<id>, else <cluster>-pitr-<id>), rendered from
// the source Cluster so the restored database runs like the original.
//
// Copied verbatim from the source spec: everything that describes how the database runs
// (instances, imageName / imageCatalogRef, postgresql with its parameters, which must not
// shrink below the primary's for WAL replay, pg_hba, storage, walStorage, tablespaces,
// resources, affinity, superuserSecret / enableSuperuserAccess, env, service account,
// monitoring, probes, ...) and managed.roles (role passwords follow their Secrets even if
// rotated after the checkpoint).
// Not copied, each for a reason:
//   bootstrap            replaced by bootstrap.recovery; only the application database,
//                        owner and secret of the source's bootstrap method are kept
//   externalClusters     replaced by the one recovery source `origin`
//   replica              the restored cluster is a standalone primary
//   plugins, backup      rewritten: the copy archives into its own folder (below);
//                        the source's other plugins are not carried over
//   managed.services     additional Services are named explicitly and would clash
//   certificates         rewritten: see below
//   inheritedMetadata    labels meant for the source's pods could match Services or
//                        NetworkPolicies selecting them and route traffic to the copy
//   metadata             only checkpointd's labels/annotations (no GitOps tracking labels
//                        that would make a controller adopt or prune the copy)
//
// Recovery source (externalClusters[0], name `origin`): the source's WAL archive with its
// serverName always set (wal_archive.hpp). With backup_method volumeSnapshot the base
// comes from bootstrap.recovery.volumeSnapshots (PG_DATA, PG_WAL, PG_TABLESPACE elements
// of the Backup's status) and the WAL from `origin`; recoveryTarget then carries no
// backupID (CNPG forbids it there). recoveryTarget: see recovery_target.hpp.
//
// Archiving of the restored cluster: it archives WAL to the SAME store under its OWN
// serverName (its own name): a plugin source gets a spec.plugins entry with
// isWALArchiver: true and serverName = the new name; an in-tree source gets the source's
// spec.backup with barmanObjectStore.serverName = the new name. A restored cluster meant
// to replace the source needs continuous archiving for the next checkpoint, and a fresh
// folder passes CNPG's "Expected empty archive" check, which the source's folder would fail.
//
// Server certificate (server_certificates.hpp): when the source's server certificates are
// operator-managed (no spec.certificates.serverTLSSecret), spec.certificates is just
// {serverCASecret: <the source's server CA Secret>}: CNPG signs the new Cluster's server
// certificate, issued for the new name's Services, with the source's CA, so a client that
// verifies the source (sslrootcert = that CA, verify-full) verifies the copy too. A source
// with a user-provided serverTLSSecret gets no certificates block: those certificates name
// the source's Services and its CA Secret usually lacks ca.key, so CNPG issues the copy a
// CA of its own, which the daemon cannot verify. Client CA, replication certificate and
// serverAltDNSNames are never copied (they name or serve the source).
//
// Labels: checkpoint-id, migration-id, managed-by, restore-attempt, source-cluster
// (not cnpg.io/cluster, which CNPG uses for objects belonging to a cluster).
#pragma once

#include <vector>

#include <boost/json/object.hpp>

#include "cnpg/backup_status.hpp"
#include "config/config.hpp"
#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::cnpg {

inline constexpr std::string_view kRecoverySourceName = "origin";

// `source_cluster` is the source Cluster object as the API returned it. `snapshots` are
// the Backup's status.snapshotBackupStatus.elements, used (and required) only when
// cnpg.backup_method is volumeSnapshot.
Result<boost::json::object> render_recovery_cluster(const boost::json::object& source_cluster,
                                                    const config::CnpgCluster& cnpg, const Checkpoint& checkpoint,
                                                    int attempt, const std::vector<SnapshotElement>& snapshots = {});

}  // namespace ckpt::cnpg
