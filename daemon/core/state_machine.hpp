// The checkpoint life cycle as a pure function: which state an action leads to from
// which state, and a message naming both when it is not allowed.
//
//   backing_up -> ready -> migrating -> watching -> committed -> closed
//   backing_up -> refused            (archive failing, backup failed, deadline)
//   backing_up | ready -> aborted    (the migration will not run)
//   ready | migrating | watching | committed -> failed -> restoring
//   restoring -> restored | restore_failed;  restore_failed -> restoring (retry)
#pragma once

#include <string_view>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt {

enum class Action {
  become_ready,       // backup done and recovery point archived
  refuse,             // the checkpoint could not be made
  start_migration,    // the migration started
  start_watching,     // the migration finished, SLO watch window running
  commit,             // the migration is declared good
  close,              // rollback window over
  fail,               // the migration or its SLOs failed
  abort,              // the migration will not run
  start_restore,      // restore to this checkpoint begins
  finish_restore,     // restore verified
  fail_restore,       // restore failed
};

std::string_view to_string(Action action);

// The state `action` leads to from `from`, or a conflict error that names both.
Result<CheckpointState> next_state(CheckpointState from, Action action);

// States from which nothing more happens on its own.
bool is_terminal(CheckpointState state);
// States in which a migration on the cluster is under way or about to be.
bool holds_cluster(CheckpointState state);

}  // namespace ckpt
