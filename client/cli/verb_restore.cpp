// restore: preview the plan (--dry-run), or start a restore and optionally follow it.
#include <ostream>

#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {

int run_restore(const Command& command, const VerbContext& context) {
  if (command.dry_run) {
    auto plan = context.api.plan_restore(command.checkpoint_id, command.cutover);
    if (!plan) return report_error(plan.error(), context.console);
    context.console.out << render_restore_plan(*plan, command.output);
    return proto::kExitOk;
  }
  auto started = context.api.restore(command.checkpoint_id, command.cutover);
  if (!started) return report_error(started.error(), context.console);
  if (!command.wait) {
    print_checkpoint_result(*started, command, context.console, false);
    return proto::kExitOk;
  }
  auto restored = follow_restore(*started, command, context);
  if (!restored) return report_error(restored.error(), context.console);
  print_checkpoint_result(*restored, command, context.console, true);
  return exit_code_for_state(restored->state);
}

}  // namespace ckpt::cli
