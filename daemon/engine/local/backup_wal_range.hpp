// The WAL range a plain-format base backup needs: begin LSN and timeline from its
// backup_label ("START WAL LOCATION", "START TIMELINE"), end LSN from the last entry of
// backup_manifest's "WAL-Ranges" (read as strict JSON, codec/strict_json.hpp). Malformed
// or missing input is an error naming the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/lsn.hpp"
#include "core/result.hpp"

namespace ckpt::engine::local {

struct BackupWalRange {
  Lsn begin;
  Lsn end;
  std::uint32_t timeline = 0;
};

Result<BackupWalRange> parse_backup_wal_range(std::string_view backup_label, std::string_view backup_manifest);
Result<BackupWalRange> read_backup_wal_range(const std::filesystem::path& backup_directory);

}  // namespace ckpt::engine::local
