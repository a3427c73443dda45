// What every part of the cnpg engine shares about one cluster: its configuration and
// deadlines, the Kubernetes client, the blocking thread pool, the logger, the API paths of
// its Backups and Clusters, and how to reach a CNPG Cluster's database through its
// read-write service (the rw_host template with {cluster} and {namespace} filled in).
#pragma once

#include <spdlog/logger.h>

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "kube/kube_client.hpp"
#include "kube/resource_ref.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::engine::cnpg {

struct CnpgContext {
  std::string cluster;  // checkpointd's name of the cluster
  config::CnpgCluster cnpg;
  config::Deadlines deadlines;
  kube::KubeClient* kube = nullptr;
  boost::asio::thread_pool* pool = nullptr;
  std::shared_ptr<spdlog::logger> logger;

  // postgresql.cnpg.io/v1 backups / clusters in the cluster's namespace (empty name: the collection).
  kube::ResourceRef backups(std::string name = {}) const;
  kube::ResourceRef clusters(std::string name = {}) const;
  // "Cluster payments/orders-db", "Backup payments/orders-db-ckpt-a1b2c3d4".
  std::string label(std::string_view kind, std::string_view name) const;

  // The source Cluster's primary, through its read-write service.
  pg::ConnParams source_connection(std::chrono::milliseconds timeout) const;
  // A recovery Cluster's primary, through its read-write service. CNPG issues every new
  // Cluster its own CA, which checkpointd cannot read (it has no access to Secrets), so
  // sslmode verify-ca / verify-full become require here (still encrypted) and
  // sslrootcert is left out.
  pg::ConnParams restored_connection(std::string_view recovery_cluster, std::chrono::milliseconds timeout) const;
};

}  // namespace ckpt::engine::cnpg
