// Pieces the verb implementations share (internal to ckpt_cli): one function per verb,
// error reporting, and waiting for a restore with its phases shown as they arrive.
#pragma once

#include "cli/verbs.hpp"
#include "core/result.hpp"

namespace ckpt::cli {

int run_begin(const Command& command, const VerbContext& context);
int run_commit(const Command& command, const VerbContext& context);
int run_fail(const Command& command, const VerbContext& context);
int run_abort(const Command& command, const VerbContext& context);
int run_restore(const Command& command, const VerbContext& context);
int run_status(const Command& command, const VerbContext& context);
int run_list(const Command& command, const VerbContext& context);
int run_events(const Command& command, const VerbContext& context);

// Writes error_line(error) to stderr and returns the error's exit code.
int report_error(const Error& error, const Console& console);

// Progress lines on stderr while polling, and one notice per stretch of failed polls.
WaitObserver progress_observer(const Checkpoint& initial, const Console& console);

// Waits while `checkpoint` is restoring (its progress so far, then restore phases as
// they arrive, on stderr),
// up to command.wait_timeout; returns the checkpoint in its final state.
Result<Checkpoint> follow_restore(const Checkpoint& checkpoint, const Command& command, const VerbContext& context);

// Table mode: "checkpoint <id> is now <state>" (and the reason), or the full summary
// when `detailed`; json/yaml: the checkpoint.
void print_checkpoint_result(const Checkpoint& checkpoint, const Command& command, const Console& console,
                             bool detailed);

}  // namespace ckpt::cli
