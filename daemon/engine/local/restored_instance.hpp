// Checks on a restored data directory and its running instance:
// - the newest timeline that has a history file in pg_wal (the restore's new timeline);
// - verification after promotion: the instance is out of recovery, on a timeline after
//   the checkpoint's, whose history file records the switch exactly at the recovery
//   target ("before ..."), with a schema fingerprint equal to the checkpoint's.
//   Failures are ErrorCode::failed naming what differs (both hashes for the schema).
// Blocking: run on the pool.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

std::optional<std::uint32_t> newest_history_timeline(const std::filesystem::path& wal_directory);

struct VerifiedRestore {
  std::uint32_t timeline = 0;
  bool fingerprint_compared = false;  // false when the checkpoint has no fingerprint
};

Result<VerifiedRestore> verify_restored_instance(const LocalContext& context, const Checkpoint& checkpoint,
                                                 const std::filesystem::path& data_directory, int port);

}  // namespace ckpt::engine::local
