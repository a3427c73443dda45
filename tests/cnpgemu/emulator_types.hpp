// The value types of the CNPG operator emulation's public API (operator_emulator.hpp):
// what a source cluster is, where the emulation keeps its files, and the moment a recovery
// Cluster was reported Ready.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace ckpt::cnpgemu {

// How a source cluster archives its WAL, which decides the Backup method it accepts:
// `plugin` (spec.plugins, Barman Cloud plugin) takes method plugin; `barman_object_store`
// (the deprecated in-tree spec.backup.barmanObjectStore) takes method barmanObjectStore.
enum class WalArchiver { plugin, barman_object_store };

// A CNPG Cluster whose primary is a real local PostgreSQL server (e.g. a
// test::PostgresInstance), reached through socket_directory and port as `user`, with the
// binaries in bin_directory. Its archive folder (serverName = name) is archive_directory.
// data_directory identifies the server for readers; the emulation does not touch it.
struct SourceClusterSpec {
  std::string namespace_name = "develop";
  std::string name;
  std::string object_store = "store";  // the ObjectStore created for it
  WalArchiver archiver = WalArchiver::plugin;
  std::filesystem::path data_directory;
  std::filesystem::path socket_directory;
  std::filesystem::path archive_directory;
  std::filesystem::path bin_directory;
  std::uint16_t port = 0;
  std::string user;
};

struct EmulatorOptions {
  // Base backups (backups/<serverName>/<backupId>), restored clusters
  // (clusters/<ns>/<name>/pgdata + postgres.log) and archive folders of clusters that are
  // not sources (objectstore/<serverName>). Created when missing.
  std::filesystem::path work_directory;
  // Read-write "Services": <services_directory>/<cluster>-rw.<namespace> socket
  // directories (contract-cnpg.md). Keep it short: socket paths end at 107 bytes.
  std::filesystem::path services_directory;
  // How often the emulation looks at the servers it watches (archiver, restores).
  std::chrono::milliseconds status_poll{200};
  // The longest one pg_basebackup may run (it waits for its last WAL segment to be
  // archived, forever when archiving is broken); past it the Backup fails.
  std::chrono::milliseconds base_backup_timeout{std::chrono::minutes(10)};
};

// When the emulation wrote Ready=True for a Cluster, taken just before the write, so a
// reader of the status can never have seen it earlier.
struct ReadyTime {
  std::chrono::steady_clock::time_point steady;
  std::chrono::system_clock::time_point system;
};

}  // namespace ckpt::cnpgemu
