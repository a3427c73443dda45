// BackupCatalog: the completed base backups in the emulated object store, per archive
// folder (serverName), and CNPG's choice of the backup a recovery starts from (cnpg.md
// §3.4, barman-cloud catalog.go FindBackupInfo):
//   backupID set      exactly that backup, else "no backup found with ID <id>"
//   else targetTime   the latest backup with end time <= targetTime
//   else targetLSN    the latest backup with endLSN < targetLSN (strict)
//   else              the latest backup
// An automatic choice also requires the backup's timeline to equal a numeric targetTLI.
// Nothing matches: "no target backup found". "Latest" means the latest backup ID (start
// time), as Barman sorts its catalog. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cnpgemu/time_text.hpp"
#include "core/lsn.hpp"
#include "core/result.hpp"

namespace ckpt::cnpgemu {

struct CatalogBackup {
  std::string server_name;
  std::string backup_id;
  std::filesystem::path directory;  // the plain-format copy of the data directory
  Lsn begin_lsn;
  Lsn end_lsn;
  std::string begin_wal;
  std::string end_wal;
  std::uint32_t timeline = 0;
  SystemTime begin_time;
  SystemTime end_time;
  // The server it was taken from: a restore runs its binaries on its port as its user.
  std::filesystem::path bin_directory;
  std::uint16_t port = 0;
  std::string user;
};

struct BackupChoice {
  std::string backup_id;
  std::optional<SystemTime> target_time;
  std::optional<Lsn> target_lsn;
  std::optional<std::uint32_t> timeline;  // a numeric targetTLI
};

class BackupCatalog {
 public:
  void add(CatalogBackup backup);
  Result<CatalogBackup> choose(const std::string& server_name, const BackupChoice& choice) const;

 private:
  mutable std::mutex mutex_;
  // serverName -> backups ordered by backup ID
  std::map<std::string, std::map<std::string, CatalogBackup>> backups_;
};

}  // namespace ckpt::cnpgemu
