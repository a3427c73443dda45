// Test support for the cnpg engine through the real checkpointd binary: a Kubernetes API
// test server (in process, HTTPS, tokens), the CNPG operator emulation behind it doing
// real backups and point-in-time restores, a real PostgreSQL standing for the source
// Cluster `develop/orders`, and a daemon configured for it through a kubeconfig. The
// daemon reaches each Cluster's database through the emulation's read-write "Services"
// (rw_host "<services>/{cluster}-rw.{namespace}"). Tests skip as root (PostgreSQL refuses
// to run as root).
#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cnpgemu/operator_emulator.hpp"
#include "daemon_process.hpp"
#include "kubeapi/server/kube_api_server.hpp"
#include "support/postgres_instance.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {

class CnpgDaemonTest : public ::testing::Test {
 protected:
  static constexpr const char* kNamespace = "develop";
  static constexpr const char* kSource = "orders";  // the CNPG Cluster and checkpointd's cluster name

  void SetUp() override;
  void TearDown() override;

  // More keys for the cluster's `cnpg:` map (indented by six spaces) and deadlines.
  virtual std::string cnpg_extra_yaml() const { return {}; }
  virtual std::string deadlines_yaml() const { return "{preflight: 10s, backup: 60s, archive_wait: 10s, restore: 60s}"; }

  // POST /v1/checkpoints for `orders`; returns the checkpoint as the daemon answered.
  boost::json::object begin(const std::string& migration);
  // begin, then waits until ready (fails the test otherwise); returns the id.
  std::string begin_ready(const std::string& migration);

  // Objects of a CNPG kind in the develop namespace, by name.
  std::vector<std::string> object_names(const std::string& resource) const;
  boost::json::object object(const std::string& resource, const std::string& name) const;

  // SQL against the database of a CNPG Cluster, through its emulated rw Service.
  std::string query_cluster(const std::string& cluster, const std::string& sql) const;

  // A kubeconfig for the test server with a read-only token (for kubectl).
  std::filesystem::path reader_kubeconfig() const { return work_->path() / "reader.kubeconfig"; }

  std::unique_ptr<kubeapi::KubeApiServer> server;
  std::unique_ptr<PostgresInstance> source;
  std::unique_ptr<cnpgemu::OperatorEmulator> emulator;
  std::unique_ptr<DaemonProcess> daemon;

 private:
  std::unique_ptr<TempDir> work_;
  std::unique_ptr<TempDir> services_;
};

inline constexpr const char* kBackupsResource = "backups.postgresql.cnpg.io";
inline constexpr const char* kClustersResource = "clusters.postgresql.cnpg.io";

}  // namespace ckpt::test
