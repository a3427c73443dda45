// Checks on a restored data directory and its running instance:
// - the newest timeline that has a history file in pg_wal (the restore's new timeline);
// - verification after promotion (engine/common/restored_server.hpp), reading the
//   timeline history from the data directory's pg_wal.
// Blocking: run on the pool.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/common/restored_server.hpp"
#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

std::optional<std::uint32_t> newest_history_timeline(const std::filesystem::path& wal_directory);

Result<VerifiedRestore> verify_restored_instance(const LocalContext& context, const Checkpoint& checkpoint,
                                                 const std::filesystem::path& data_directory, int port);

}  // namespace ckpt::engine::local
