// A source cluster: the CNPG Cluster (and its ObjectStore) standing for a real local
// PostgreSQL server, with the status a healthy single-instance CNPG cluster has.
//
// create_source_objects() creates the ObjectStore `<ns>/<object_store>` and the Cluster
// `<ns>/<name>` archiving into serverName = name (spec.plugins Barman Cloud entry, or the
// in-tree spec.backup.barmanObjectStore), and makes `<services>/<name>-rw.<ns>` a symlink
// to the server's socket directory.
//
// SourceClusterStatus keeps the Cluster's status in step with the server: phase "Cluster in
// healthy state", Ready/Initialized True, timelineID, and ContinuousArchiving from the
// real pg_stat_archiver: True (ContinuousArchivingSuccess) when the last archive attempt
// succeeded, False (ContinuousArchivingFailing, the failed WAL file in the message) when
// it failed. Before the first attempt there is no such condition, so start() first makes
// the server archive a segment, as a CNPG primary does once bootstrapped. refresh()
// writes only when something changed. One owner calls it at a time.
#pragma once

#include <filesystem>
#include <string>

#include "cnpgemu/emulator_types.hpp"
#include "cnpgemu/object_status.hpp"
#include "core/result.hpp"
#include "kubeapi/server/resource_store.hpp"

namespace ckpt::cnpgemu {

// The ObjectStore's (and an in-tree archiver's) destinationPath: "s3://emulated/<object_store>/".
std::string destination_path(const SourceClusterSpec& spec);

Result<void> create_source_objects(kubeapi::ResourceStore& store, const SourceClusterSpec& spec,
                                   const std::filesystem::path& services_directory);

class SourceClusterStatus {
 public:
  SourceClusterStatus(kubeapi::ResourceStore& store, SourceClusterSpec spec);

  // Waits (up to 10 s) for the first archive attempt, then writes the first status.
  Result<void> start();
  Result<void> refresh();

 private:
  kubeapi::ResourceStore& store_;
  SourceClusterSpec spec_;
  ConditionSet conditions_;
  std::string last_written_;
};

}  // namespace ckpt::cnpgemu
