// A pre-warmed restore's parked copy on the local engine (clusters[].local.
// prewarmed_restore): the checkpoint's base backup copied into
// <restore_directory>/<cluster>-parked-<id> (engine/local/recovery_directory.hpp), started
// on its own port with the restore's recovery settings (WAL from the archive, an
// exclusive LSN target, recovery_target_action = pause) and left paused at the target.
// A restore promotes it when it is parked exactly there (engine/local/restore_run.hpp).
// Blocking functions run on the pool; build_parked_copy waits with timers.
#pragma once

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/engine.hpp"
#include "engine/local/local_context.hpp"
#include "engine/local/restore_layout.hpp"

namespace ckpt::engine::local {

RestoreLayout parked_copy_layout(const LocalContext& context, const Checkpoint& checkpoint);

// Its directory, a free port and the disk it is expected to take (the base backup plus
// the WAL from the backup's start to the target), state building. Blocking (a port is
// picked by binding it).
Result<ParkedCopy> plan_parked_copy(const LocalContext& context, const Checkpoint& checkpoint);

// Builds the copy recorded in checkpoint.parked_copy and waits (up to the cluster's
// restore deadline) until it is paused at the target; returns it parked, with the disk
// it takes. Idempotent: a directory already copied is started again, a running
// instance is waited for. A failure leaves what exists for remove_parked_copy.
Task<ParkedCopy> build_parked_copy(const LocalContext& context, const Checkpoint& checkpoint);

// Ok when the recorded copy is parked exactly at the checkpoint's target: its postmaster
// runs, its replay is paused and its server log says that recovery stopped before the
// target LSN. Otherwise an error saying which of these fails. Blocking.
Result<void> check_parked_at_target(const LocalContext& context, const Checkpoint& checkpoint);

// Stops the copy (pg_ctl stop -m fast) and removes its directory, its .partial and spool
// forms and its server log. Idempotent: a copy already gone is success. Blocking.
Result<void> remove_parked_copy(const LocalContext& context, const Checkpoint& checkpoint);

}  // namespace ckpt::engine::local
