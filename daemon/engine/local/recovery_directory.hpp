// A data directory ready to recover a checkpoint: the base backup copied (parallel) into
// <layout>.partial without its postmaster and checkpointd files, the recovery settings
// (engine/local/recovery_settings.hpp, on `port`) written into postgresql.auto.conf,
// recovery.signal created, the file system synced and the directory renamed into
// place. A finished directory is never copied again (empty stats); a leftover .partial
// is discarded and redone. Used by a restore and by a pre-warmed restore's parked copy.
// Blocking: run on the pool.
#pragma once

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/local/local_context.hpp"
#include "engine/local/restore_layout.hpp"
#include "engine/local/tree_copy.hpp"

namespace ckpt::engine::local {

Result<TreeCopyStats> prepare_recovery_directory(const LocalContext& context, const Checkpoint& checkpoint,
                                                 const RestoreLayout& layout, int port);

}  // namespace ckpt::engine::local
