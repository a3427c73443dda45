// Pieces the verb implementations share (internal to ckpt_cli): one function per verb,
// error reporting, begin's creation of a checkpoint (run does the same), and waiting
// for a restore with its phases shown as they arrive.
#pragma once

#include <optional>
#include <string>

#include "cli/plan_review.hpp"
#include "cli/verbs.hpp"
#include "core/result.hpp"

namespace ckpt::cli {

int run_begin(const Command& command, const VerbContext& context);
int run_commit(const Command& command, const VerbContext& context);
int run_fail(const Command& command, const VerbContext& context);
int run_promote(const Command& command, const VerbContext& context);
int run_flag(const Command& command, const VerbContext& context);
int run_approve(const Command& command, const VerbContext& context);
int run_go_no_go(const Command& command, const VerbContext& context);
int run_evidence(const Command& command, const VerbContext& context);
int run_evidence_verify(const Command& command, const VerbContext& context);
int run_abort(const Command& command, const VerbContext& context);
int run_restore(const Command& command, const VerbContext& context);
int run_status(const Command& command, const VerbContext& context);
int run_list(const Command& command, const VerbContext& context);
int run_events(const Command& command, const VerbContext& context);
int run_plan_check(const Command& command, const VerbContext& context);
int run_run(const Command& command, const VerbContext& context);
int run_drill(const Command& command, const VerbContext& context);
int run_completion(const Command& command, const VerbContext& context);
int run_man(const Command& command, const VerbContext& context);

// plan check and run --dry-run: prints `rendered` (the review of a plan) on stdout and,
// in json/yaml mode, the problem on stderr; the review's exit code.
int show_review(const PlanReview& review, const std::string& rendered, const Command& command, const Console& console);

// Writes error_line(error) to stderr and returns the error's exit code.
int report_error(const Error& error, const Console& console);

// Progress lines on stderr while polling, and one notice per stretch of failed polls.
WaitObserver progress_observer(const Checkpoint& initial, const Console& console);

// begin's first half: POST the request, print the new checkpoint's id on stdout at once
// (table mode) and its progress on stderr, then, when `wait`, poll while it is
// backing_up, up to command.wait_timeout. The checkpoint as it stands at the end.
Result<Checkpoint> create_checkpoint(const BeginRequest& request, bool wait, const Command& command,
                                     const VerbContext& context);

// For a checkpoint that did not become ready: the error line ("... was refused: the
// migration must not start") and the exit code (3 refused, 4 otherwise).
int report_not_ready(const Checkpoint& checkpoint, const Console& console);

// Waits while `checkpoint` is restoring (its progress not yet in `shown`, then restore
// phases as they arrive, on stderr), up to command.wait_timeout; returns the checkpoint
// in its final state.
Result<Checkpoint> follow_restore(const Checkpoint& checkpoint, const Command& command, const VerbContext& context,
                                  const std::optional<Checkpoint>& shown = std::nullopt);

// Table mode: "checkpoint <id> is now <state>" (and the reason), or the full summary
// when `detailed`; json/yaml: the checkpoint.
void print_checkpoint_result(const Checkpoint& checkpoint, const Command& command, const Console& console,
                             bool detailed);

}  // namespace ckpt::cli
