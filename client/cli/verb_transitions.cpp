// commit, fail and abort: one state change each; fail --wait follows an automatic
// restore to its end. promote and flag: a person's step on the SLO watch and the flag.
#include "cli/outcome.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {

int run_commit(const Command& command, const VerbContext& context) {
  auto committed = context.api.commit(command.checkpoint_id);
  if (!committed) return report_error(committed.error(), context.console);
  print_checkpoint_result(*committed, command, context.console, false);
  return proto::kExitOk;
}

int run_fail(const Command& command, const VerbContext& context) {
  auto failed = context.api.fail(command.checkpoint_id, FailRequest{.reason = command.reason});
  if (!failed) return report_error(failed.error(), context.console);
  if (!command.wait || failed->state != CheckpointState::restoring) {
    print_checkpoint_result(*failed, command, context.console, false);
    return proto::kExitOk;
  }
  context.console.err << "checkpoint " << failed->id << " is restoring automatically\n";
  auto restored = follow_restore(*failed, command, context);
  if (!restored) return report_error(restored.error(), context.console);
  print_checkpoint_result(*restored, command, context.console, true);
  return exit_code_for_state(restored->state);
}

int run_promote(const Command& command, const VerbContext& context) {
  auto promoted = context.api.promote(command.checkpoint_id, PromoteRequest{.by = command.by});
  if (!promoted) return report_error(promoted.error(), context.console);
  print_checkpoint_result(*promoted, command, context.console, false);
  return proto::kExitOk;
}

int run_flag(const Command& command, const VerbContext& context) {
  const FlagChangeRequest request{.on = command.flag_on, .scope = command.scope, .by = command.by, .note = command.note};
  auto changed = context.api.change_flag(command.checkpoint_id, request);
  if (!changed) return report_error(changed.error(), context.console);
  print_checkpoint_result(*changed, command, context.console, false);
  return proto::kExitOk;
}

int run_abort(const Command& command, const VerbContext& context) {
  auto aborted = context.api.abort(command.checkpoint_id, AbortRequest{.reason = command.reason});
  if (!aborted) return report_error(aborted.error(), context.console);
  print_checkpoint_result(*aborted, command, context.console, false);
  return proto::kExitOk;
}

}  // namespace ckpt::cli
