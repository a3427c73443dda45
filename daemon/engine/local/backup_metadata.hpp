// checkpointd-backup.json: what checkpointd knows about a finished base backup, written
// inside the backup directory before it is renamed from `.partial` to its final name.
// A backup directory is complete exactly when it has this file. Parsing is strict:
// a missing or malformed field is an error naming the field and the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::engine::local {

inline constexpr std::string_view kBackupMetadataFile = "checkpointd-backup.json";

struct BackupMetadata {
  std::string cluster;
  std::string checkpoint_id;  // the checkpoint the backup was taken for
  std::string backup_id;      // the directory's name
  Lsn begin_lsn;
  Lsn end_lsn;
  std::uint32_t timeline = 0;
  std::uint64_t wal_segment_size = kDefaultWalSegmentSize;
  TimePoint started_at;
  TimePoint stopped_at;
};

std::string render_backup_metadata(const BackupMetadata& metadata);
// `source` names the file in error messages.
Result<BackupMetadata> parse_backup_metadata(std::string_view json, std::string_view source);
Result<BackupMetadata> read_backup_metadata(const std::filesystem::path& backup_directory);

BackupInfo to_backup_info(const BackupMetadata& metadata, const std::filesystem::path& backup_directory, bool reused);

}  // namespace ckpt::engine::local
