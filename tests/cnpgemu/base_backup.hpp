// Taking a base backup the way barman-cloud-backup does for CNPG, with pg_basebackup:
// a plain copy of the data directory after an immediate checkpoint and without WAL
// (-X none: a restore reads every WAL segment from the archive). pg_basebackup returns
// only once the backup's last segment is archived, so a completed backup's endWal is in
// the archive. The WAL range comes from the backup's backup_manifest (WAL-Ranges) and the
// WAL file names use the server's real wal_segment_size.
//
// Blocking: run it on a worker thread. cancel_base_backup() from another thread makes a
// running take_base_backup() with that application name return promptly (it terminates
// the backup's walsender on the server).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/lsn.hpp"
#include "core/result.hpp"

namespace ckpt::cnpgemu {

struct ServerAccess {
  std::filesystem::path bin_directory;
  std::filesystem::path socket_directory;
  std::uint16_t port = 0;
  std::string user;
};

struct WalRange {
  Lsn begin_lsn;
  Lsn end_lsn;
  std::uint32_t timeline = 0;  // of the range holding end_lsn
};

struct BaseBackup {
  WalRange range;
  std::string begin_wal;
  std::string end_wal;
};

// `directory` must not exist. An error's message is pg_basebackup's last output line.
Result<BaseBackup> take_base_backup(const ServerAccess& server, const std::filesystem::path& directory,
                                    const std::string& label, const std::string& application_name,
                                    std::chrono::milliseconds timeout);

void cancel_base_backup(const ServerAccess& server, std::string_view application_name);

// The WAL-Ranges of a backup_manifest: the first range's Start-LSN, the last range's
// End-LSN and Timeline. An error names the file and what is wrong with it.
Result<WalRange> read_manifest_wal_range(const std::filesystem::path& manifest);

}  // namespace ckpt::cnpgemu
