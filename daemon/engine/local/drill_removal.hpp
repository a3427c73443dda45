// The end of a local restore drill: its scratch instance (a restored data directory in
// restore_directory, named <cluster>-drill-<id>) is stopped with pg_ctl stop -m fast and
// removed with its .partial, .spool and .log siblings. Nothing outside the drill's own
// layout is touched (engine/common/drill_target.hpp). Idempotent. Blocking: run on the pool.
#pragma once

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

Result<void> remove_drill_restore(const LocalContext& context, const Checkpoint& checkpoint);

}  // namespace ckpt::engine::local
