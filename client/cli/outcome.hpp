// How a command ends: exit codes from proto/error_codes.hpp's table (so a job script
// can branch on refused, failed, not found, unreachable) and the one-line error report
// on stderr, "checkpointctl: <message> (reason: <reason>)".
#pragma once

#include <string>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::cli {

// The error table's exit code for the error's code.
int exit_code_for(const Error& error);

// What a checkpoint's state means for `status` and after waiting for a restore:
// refused -> the refused exit code (3), failed and restore_failed -> the failed exit
// code (4), every other state (ready, migrating, watching, committed, closed,
// restored, aborted, and the in-progress backing_up and restoring) -> 0.
int exit_code_for_state(CheckpointState state);

// `begin` succeeded only if the checkpoint is ready: ready -> 0, refused -> 3,
// anything else -> 4 (the migration must not start).
int exit_code_after_begin(CheckpointState state);

// `run` succeeded only if the migration did: committed, watching (the SLO watch after
// it) and closed -> 0; anything else (failed, restoring, restored, restore_failed, ...)
// -> the failed exit code (4).
int exit_code_after_run(CheckpointState state);

// "checkpointctl: <message>", plus " (reason: <reason>)" when there is one; no newline.
std::string error_line(const Error& error);

}  // namespace ckpt::cli
