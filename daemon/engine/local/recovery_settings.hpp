// The settings block checkpointd appends to a restored data directory's
// postgresql.auto.conf (read last, so it overrides what the copy inherited), between
// "# BEGIN checkpointd" and "# END checkpointd" lines. During a restore it sets a new
// port and socket directory, archive_mode = off (the copy must not archive timeline-2
// WAL into the source's archive), the prefetching restore_command, an exclusive LSN
// target on the checkpoint's timeline that pauses there (the restore promotes it),
// hot_standby and cluster_name.
// At cut-over the block is rewritten to hold only the original port: the copy's own
// configuration (archiving, socket directory) applies again and no recovery setting
// remains. Pure text rendering: no IO.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/lsn.hpp"

namespace ckpt::engine::local {

struct RecoverySettings {
  std::optional<int> port;  // nullopt in a plan: a free port is chosen when the restore starts
  std::filesystem::path socket_directory;
  std::filesystem::path spool_directory;    // prefetched WAL, moved out by restore_command
  std::filesystem::path archive_directory;  // the source's WAL archive, the fallback
  Lsn target_lsn;
  std::uint32_t timeline = 0;
  std::string cluster_name;
};

// A postgresql.conf string literal: single quotes, embedded quotes doubled.
std::string quote_setting(std::string_view value);

// mv -f '<spool>/%f' '%p' 2>/dev/null || cp '<archive>/%f' '%p'  (paths shell-quoted, % doubled)
std::string prefetching_restore_command(const std::filesystem::path& spool_directory,
                                        const std::filesystem::path& archive_directory);

std::string render_recovery_block(const RecoverySettings& settings);
std::string render_cutover_block(int port, std::string_view checkpoint_id);

bool has_managed_block(std::string_view conf);
// `conf` with the managed block replaced by `block`, or with `block` appended when absent.
std::string with_managed_block(std::string_view conf, std::string_view block);

}  // namespace ckpt::engine::local
