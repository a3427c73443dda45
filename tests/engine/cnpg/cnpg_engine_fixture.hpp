// Fixture for the cnpg engine's integration tests: the Kubernetes API test server
// (in-process, with the CNPG CRDs), a KubeClient loaded from a kubeconfig for it, and a
// source Cluster develop/orders-db whose read-write "Service" is a Unix socket directory
// <services>/orders-db-rw.develop. The test plays the operator: it writes Backup and
// Cluster status straight into the server's store, from the test thread or from change
// callbacks (server->on_change). CnpgDatabaseTest adds a real PostgreSQL 15 behind the
// source's service (skipped with the reason when it cannot run) and can stand in for a
// recovery Cluster's primary with a real point-in-time recovery of a base backup.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/logger.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json/object.hpp>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "engine/cnpg/cnpg_engine.hpp"
#include "kube/kube_client.hpp"
#include "kubeapi/server/kube_api_server.hpp"
#include "support/postgres_instance.hpp"
#include "support/temp_dir.hpp"

namespace ckpt::test {

inline constexpr const char* kNamespace = "develop";
inline constexpr const char* kSourceCluster = "orders-db";
inline constexpr const char* kBackupsResource = "backups.postgresql.cnpg.io";
inline constexpr const char* kClustersResource = "clusters.postgresql.cnpg.io";

class CnpgApiTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // A client for the server carrying `token` (the writer's by default), quick retries.
  std::unique_ptr<kube::KubeClient> make_client(const std::string& token);
  // The same with these options.
  std::unique_ptr<kube::KubeClient> make_client(const std::string& token, const kube::KubeClientOptions& options);
  std::unique_ptr<engine::cnpg::CnpgEngine> make_engine(kube::KubeClient& kube) const;
  std::unique_ptr<engine::cnpg::CnpgEngine> make_engine() const { return make_engine(*client); }

  // Runs the coroutine on `io` (driven by the test thread) until it finishes.
  template <typename T>
  T run(boost::asio::awaitable<T> task) {
    std::optional<T> result;
    std::exception_ptr failure;
    boost::asio::co_spawn(
        io, [&]() -> boost::asio::awaitable<void> { result.emplace(co_await std::move(task)); },
        [&](std::exception_ptr thrown) { failure = thrown; });
    io.restart();
    io.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
  }

  // The source Cluster with a plugin WAL archive, created in the store with `status`.
  void create_source_cluster(const boost::json::object& status);
  // Writes `status` through the /status subresource (in-process), failing the test on error.
  void set_status(const std::string& resource, const std::string& name, const boost::json::object& status);
  std::optional<boost::json::object> stored(const std::string& resource, const std::string& name) const;
  std::size_t count(const std::string& resource) const;

  // Status of a healthy Cluster with working archiving; `archiving` False makes
  // ContinuousArchiving False with the given message.
  static boost::json::object healthy_cluster_status(bool archiving = true, const std::string& archiving_message = {});
  static boost::json::object condition(const std::string& type, const std::string& status, const std::string& reason,
                                       const std::string& message);
  // A completed Backup's status.
  static boost::json::object completed_backup_status(const std::string& begin_lsn, const std::string& end_lsn,
                                                     TimePoint stopped_at);

  static Checkpoint checkpoint_named(const std::string& id);
  // checkpoint_named(id), ready to restore: backup 20260115T103001 (Backup
  // orders-db-ckpt-<id>), recovery point 0/3000148 on timeline 1, a schema fingerprint.
  static Checkpoint ready_checkpoint(const std::string& id);

  boost::asio::io_context io;
  TempDir services{"cs"};  // before postgres_: restored servers stop before their sockets go
  TempDir files{"cnpg"};
  std::unique_ptr<kubeapi::KubeApiServer> server;
  std::unique_ptr<kube::KubeClient> client;
  mutable boost::asio::thread_pool pool{4};
  std::shared_ptr<spdlog::logger> logger;
  config::Cluster cluster;

 private:
  int kubeconfigs_ = 0;
};

class CnpgDatabaseTest : public CnpgApiTest {
 protected:
  void SetUp() override;

  // pg_basebackup of the source into `directory` and its WAL range, as CNPG's Backup reports it.
  struct BaseBackup {
    std::filesystem::path directory;
    std::string begin_lsn;
    std::string end_lsn;
  };
  BaseBackup take_base_backup(const std::string& name) const;

  // A copy of `backup` recovered to `checkpoint`'s target and started as the primary of
  // `recovery_cluster`: socket directory <services>/<recovery_cluster>-rw.develop, the
  // source's port, TCP off. Promotes (a new timeline) or, with `promote` false, pauses at
  // the target and stays in recovery. Returns once it is promoted or paused.
  void start_recovered_copy(const BaseBackup& backup, const Checkpoint& checkpoint, const std::string& recovery_cluster,
                            bool promote) const;

  // The socket directory standing for a cluster's read-write service.
  std::filesystem::path service_directory(const std::string& cnpg_cluster) const;

  std::unique_ptr<PostgresInstance> postgres_;
};

}  // namespace ckpt::test
