// OperatorEmulator: the CNPG operator for tests, doing CNPG's work for real on local
// PostgreSQL 15 servers, driven by the objects in a KubeApiServer's store (in process).
// See docs/testing-kubernetes.md, "The operator emulation".
//
//   OperatorEmulator emulator{server, {work_dir, services_dir}};
//   emulator.add_source_cluster({.name = "orders", ... a test::PostgresInstance's paths ...});
//   store.create(backup);           // -> pg_basebackup, Backup status up to `completed`
//   store.create(recovery_cluster); // -> real PITR, Cluster status up to Ready=True,
//                                   //    reachable at service_directory(ns, name) on the source's port
//
// - Source clusters (add_source_cluster): ObjectStore + Cluster objects whose status stays
//   healthy, with ContinuousArchiving following the server's pg_stat_archiver.
// - Backups (backup_job.hpp) of a source cluster and recovery Clusters (recovery_job.hpp)
//   are picked up when created without a status phase, each exactly once (by uid),
//   including those that existed before the emulator started. Other Clusters are ignored.
// - Deleting a recovery Cluster stops its PostgreSQL.
// - Every job runs on a worker thread of its own, never on the store's change-feed thread.
//   The destructor stops watching the store, cancels every wait and running
//   pg_basebackup, stops every PostgreSQL it started (immediate mode) and joins.
// All member functions are thread-safe.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "cnpgemu/emulator_faults.hpp"
#include "cnpgemu/emulator_types.hpp"
#include "core/result.hpp"
#include "kubeapi/server/kube_api_server.hpp"

namespace ckpt::cnpgemu {

class OperatorEmulator {
 public:
  OperatorEmulator(kubeapi::KubeApiServer& server, EmulatorOptions options);
  ~OperatorEmulator();
  OperatorEmulator(const OperatorEmulator&) = delete;
  OperatorEmulator& operator=(const OperatorEmulator&) = delete;

  // Creates the source's ObjectStore (unless it exists) and Cluster, its rw service
  // symlink, and its first status (after the server archived a first segment). Errors:
  // the store refused an object (e.g. AlreadyExists), or the server cannot be read.
  Result<void> add_source_cluster(const SourceClusterSpec& spec);

  EmulatorFaults& faults();

  // <services_directory>/<cluster>-rw.<namespace>: the Cluster's rw "Service".
  std::filesystem::path service_directory(std::string_view namespace_name, std::string_view cluster) const;

  // How many pg_basebackup runs the Backup started (0 or 1).
  std::size_t base_backups_started(std::string_view namespace_name, std::string_view backup) const;
  // How many recovery Jobs were started for the Cluster name (real, scripted or failed by a fault).
  std::size_t recoveries_started(std::string_view namespace_name, std::string_view cluster) const;
  // When Ready=True was written for the Cluster; nullopt before.
  std::optional<ReadyTime> ready_time(std::string_view namespace_name, std::string_view cluster) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ckpt::cnpgemu
