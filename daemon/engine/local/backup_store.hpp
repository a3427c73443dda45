// The local engine's base backups: one directory per checkpoint in backup_directory,
// named backup_object_name(cluster, checkpoint id). A backup is written as
// `<name>.partial` by pg_basebackup, gets checkpointd-backup.json, is synced to disk
// (one syncfs) and then renamed to `<name>` (parent fsynced): a directory without
// `.partial` is complete.
// Idempotent: a complete backup for the checkpoint is returned as is; a leftover
// `.partial` is ours (deterministic name) and is removed and redone. With a maximum age,
// the newest complete backup of the cluster younger than it and on the server's current
// timeline is reused instead (a backup from before a timeline switch needs WAL that a
// restore cannot find) — unless a restore from it to the server's current WAL position is
// predicted over the RTO budget (engine.hpp BackupReuse). Every BackupInfo returned has
// the backup's size.
// Blocking: run on the thread pool.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/engine.hpp"
#include "engine/local/pg_tools.hpp"

namespace ckpt::engine::local {

class BackupStore {
 public:
  // `logger` (optional): pg_basebackup and pg_controldata are logged at debug level
  // through it, with the checkpoint and the cluster (pg_tools.hpp).
  BackupStore(std::string cluster, config::LocalCluster local, std::shared_ptr<spdlog::logger> logger = nullptr);

  std::filesystem::path directory_for(std::string_view checkpoint_id) const;

  // Where the server writes WAL now: reuse needs it (nullopt: nothing is reused).
  struct ServerPosition {
    std::uint32_t timeline = 0;
    Lsn insert_lsn;
  };

  // The checkpoint's own backup, a fresh reusable one on the server's timeline that
  // `reuse` allows, or a new one (within `timeout`). Failures are ErrorCode::refused
  // with reason backup_failed (deadline_exceeded when pg_basebackup ran out of time).
  Result<BackupInfo> find_or_take(std::string_view checkpoint_id, std::optional<ServerPosition> position,
                                  const BackupReuse& reuse, std::chrono::milliseconds timeout) const;

 private:
  std::optional<BackupInfo> reusable(TimePoint now, std::uint32_t timeline) const;
  Result<BackupInfo> take(std::string_view checkpoint_id, std::chrono::milliseconds timeout) const;

  PgTools tools_for(std::string_view checkpoint_id) const;

  std::string cluster_;
  config::LocalCluster local_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace ckpt::engine::local
