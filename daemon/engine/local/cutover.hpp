// Cut-over: the verified restored instance takes the original's place. Steps, each
// skipped when a retry finds it done (the renames tell how far an earlier attempt got):
//   1. check that the restored directory and the original data directory are on one
//      file system (rename only) -- before anything is stopped;
//   2. stop the restored instance, then the original (pg_ctl stop -m fast);
//   3. rename the original data directory to <data_directory>.replaced-<checkpoint id>
//      (kept, never deleted);
//   4. rewrite the managed settings block (original port; the copy's own archiving and
//      socket settings apply again; no recovery settings), queue the new timeline's
//      history file for archiving, and move the restored directory into place;
//   5. start it (pg_ctl -w) and check that it answers on the original port, out of
//      recovery, on a timeline after the checkpoint's.
// Errors name the step, the command and PostgreSQL's message. Blocking: run on the pool.
#pragma once

#include <chrono>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/local/local_context.hpp"
#include "engine/local/restore_layout.hpp"

namespace ckpt::engine::local {

// Step 1 on its own, for checking before a restore starts.
Result<void> require_same_file_system(const LocalContext& context, const RestoreLayout& layout);

Result<void> cut_over(const LocalContext& context, const Checkpoint& checkpoint, const RestoreLayout& layout,
                      std::chrono::steady_clock::time_point deadline);

}  // namespace ckpt::engine::local
