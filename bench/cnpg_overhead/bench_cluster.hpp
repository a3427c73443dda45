// CnpgBenchCluster: the cnpg engine's full test set-up, for benchmarks (the pattern of
// tests/integration/cnpg_daemon_fixture, without GoogleTest): the Kubernetes API test
// server in process, the CNPG operator emulation behind it, a real PostgreSQL as the
// source Cluster `develop/orders` (one small table) and the real checkpointd binary
// configured for it through a kubeconfig, reaching every Cluster's database through the
// emulation's rw "Services".
//
// The daemon logs in as the least-privilege role kDaemonRole (LOGIN, EXECUTE on
// pg_create_restore_point(text) and pg_switch_wal(), as docs/deploy-kubernetes.md
// creates it), so it cannot call pg_read_file() and skips the timeline-history check by
// design. That makes a restored server other than the recovery Cluster's own one (a
// ScriptedRestore pointing at an earlier, really restored Cluster) verify honestly.
//
// Guarantees: the constructor returns with the daemon ready, or throws
// std::runtime_error naming the step that failed. The destructor stops the daemon
// (SIGTERM), the emulation (and every PostgreSQL it started), the source server and the
// API server, then removes the temporary directories. PostgreSQL refuses to run as root:
// construct it as an unprivileged user.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "cnpgemu/operator_emulator.hpp"
#include "daemon_process.hpp"
#include "kubeapi/server/kube_api_server.hpp"
#include "support/postgres_instance.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::bench {

class CnpgBenchCluster {
 public:
  static constexpr const char* kNamespace = "develop";
  static constexpr const char* kSource = "orders";  // the CNPG Cluster and checkpointd's cluster name
  static constexpr const char* kDaemonRole = "checkpointd_bench";
  static constexpr const char* kClustersResource = "clusters.postgresql.cnpg.io";

  CnpgBenchCluster();
  ~CnpgBenchCluster();
  CnpgBenchCluster(const CnpgBenchCluster&) = delete;
  CnpgBenchCluster& operator=(const CnpgBenchCluster&) = delete;

  // POST /v1/checkpoints for `orders`, then waits until ready; returns the id. Throws when
  // the checkpoint is refused (with the daemon's reason and message).
  std::string begin_ready(const std::string& migration);
  // POST /v1/checkpoints/{id}/fail (auto_restore is on: the restore starts).
  void fail(const std::string& id);
  // Waits until the restore ended; returns the checkpoint. Throws unless it was restored.
  boost::json::object wait_restored(const std::string& id);

  // A kubeconfig for the API server with a read-write token of its own (not the daemon's).
  const std::filesystem::path& kubeconfig() const { return client_kubeconfig_; }

  kubeapi::KubeApiServer& server() { return *server_; }
  cnpgemu::OperatorEmulator& emulator() { return *emulator_; }

 private:
  std::unique_ptr<test::TempDir> work_;
  std::unique_ptr<test::TempDir> services_;
  std::filesystem::path client_kubeconfig_;
  std::unique_ptr<kubeapi::KubeApiServer> server_;
  std::unique_ptr<test::PostgresInstance> source_;
  std::unique_ptr<cnpgemu::OperatorEmulator> emulator_;
  std::unique_ptr<test::DaemonProcess> daemon_;
};

}  // namespace ckpt::bench
