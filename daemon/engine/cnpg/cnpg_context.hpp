// What every part of the cnpg engine shares about one cluster: its configuration and
// deadlines, the Kubernetes client, the blocking thread pool, the logger, the validator
// of manifests against their CRD, the API paths of its Backups and Clusters, and how to
// reach a CNPG Cluster's database through its read-write service (the rw_host template
// with {cluster} and {namespace} filled in), TLS verified as configured wherever the
// server's CA is known.
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "engine/cnpg/manifest_validator.hpp"
#include "kube/kube_client.hpp"
#include "kube/resource_ref.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::engine::cnpg {

// Which CA signed a recovery Cluster's server certificate (cnpg/server_certificates.hpp).
enum class RestoredCa {
  source,  // the source's server CA, shared through spec.certificates.serverCASecret
  own,     // a CA CNPG issued the new Cluster, of which checkpointd has no copy
};

RestoredCa restored_ca_of(const boost::json::object& recovery_cluster);

struct CnpgContext {
  std::string cluster;  // checkpointd's name of the cluster
  config::CnpgCluster cnpg;
  config::Deadlines deadlines;
  kube::KubeClient* kube = nullptr;
  boost::asio::thread_pool* pool = nullptr;
  std::shared_ptr<spdlog::logger> logger;
  std::shared_ptr<ManifestValidator> manifests;

  // postgresql.cnpg.io/v1 backups / clusters in the cluster's namespace (empty name: the collection).
  kube::ResourceRef backups(std::string name = {}) const;
  kube::ResourceRef clusters(std::string name = {}) const;
  // "Cluster payments/orders-db", "Backup payments/orders-db-ckpt-a1b2c3d4".
  std::string label(std::string_view kind, std::string_view name) const;

  // The source Cluster's primary, through its read-write service.
  pg::ConnParams source_connection(std::chrono::milliseconds timeout) const;
  // A recovery Cluster's primary, through its read-write service. Signed by the source's
  // CA, it is verified exactly as the source is (sslmode, sslrootcert). With a CA of its
  // own, which checkpointd cannot read (it has no access to Secrets), sslmode verify-ca /
  // verify-full become require (still encrypted) and sslrootcert is left out.
  pg::ConnParams restored_connection(std::string_view recovery_cluster, RestoredCa ca,
                                     std::chrono::milliseconds timeout) const;
  // Why the connection to a recovery Cluster is encrypted but not verified, when
  // restored_connection lowers the configured sslmode; nullopt when it does not.
  std::optional<std::string> unverified_tls(std::string_view recovery_cluster, RestoredCa ca) const;
};

}  // namespace ckpt::engine::cnpg
