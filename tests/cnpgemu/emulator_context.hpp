// EmulatorContext: what the operator emulation's workers share, every part thread-safe:
// the store they write status to, the options, the fault switches, the backup catalog,
// the source clusters (and where each serverName's archive folder is), the one-backup-
// per-cluster slots, and the record tests read (runs started, Ready moments).
// Objects are keyed "<namespace>/<name>".
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "cnpgemu/backup_catalog.hpp"
#include "cnpgemu/emulator_faults.hpp"
#include "cnpgemu/emulator_types.hpp"
#include "kubeapi/server/resource_store.hpp"

namespace ckpt::cnpgemu {

std::string object_key(std::string_view namespace_name, std::string_view name);

// <services_directory>/<name>-rw.<namespace>: where a Cluster's rw "Service" listens.
std::filesystem::path service_directory(const std::filesystem::path& services_directory,
                                        std::string_view namespace_name, std::string_view name);

class SourceRegistry {
 public:
  explicit SourceRegistry(std::filesystem::path work_directory) : work_directory_(std::move(work_directory)) {}

  void add(SourceClusterSpec spec);
  std::optional<SourceClusterSpec> find(std::string_view namespace_name, std::string_view name) const;
  // The archive folder of `server_name`: the archive directory of the source cluster of
  // that name (a source archives under serverName = its name), else
  // <work>/objectstore/<server_name>.
  std::filesystem::path archive_folder(const std::string& server_name) const;

 private:
  mutable std::mutex mutex_;
  std::filesystem::path work_directory_;
  std::map<std::string, SourceClusterSpec> sources_;
};

// CNPG runs one backup per cluster at a time.
class BackupSlots {
 public:
  bool try_acquire(const std::string& cluster_key, const std::string& backup_key);
  void release(const std::string& cluster_key);

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> running_;
};

class ActivityRecord {
 public:
  void base_backup_started(const std::string& backup_key);
  void recovery_started(const std::string& cluster_key);
  void ready(const std::string& cluster_key, ReadyTime at);

  std::size_t base_backups_started(const std::string& backup_key) const;
  std::size_t recoveries_started(const std::string& cluster_key) const;
  std::optional<ReadyTime> ready_time(const std::string& cluster_key) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::size_t> base_backups_;
  std::map<std::string, std::size_t> recoveries_;
  std::map<std::string, ReadyTime> ready_;
};

struct EmulatorContext {
  EmulatorContext(kubeapi::ResourceStore& resource_store, EmulatorOptions emulator_options)
      : store(resource_store), options(std::move(emulator_options)), sources(options.work_directory) {}

  kubeapi::ResourceStore& store;
  const EmulatorOptions options;
  EmulatorFaults faults;
  BackupCatalog catalog;
  SourceRegistry sources;
  BackupSlots backup_slots;
  ActivityRecord record;
};

}  // namespace ckpt::cnpgemu
