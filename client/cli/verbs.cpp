#include "cli/verbs.hpp"

#include <memory>
#include <optional>
#include <ostream>

#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {

int execute_command(const Command& command, const VerbContext& context) {
  switch (command.verb) {
    case Verb::begin:
      return run_begin(command, context);
    case Verb::commit:
      return run_commit(command, context);
    case Verb::fail:
      return run_fail(command, context);
    case Verb::abort:
      return run_abort(command, context);
    case Verb::restore:
      return run_restore(command, context);
    case Verb::status:
      return run_status(command, context);
    case Verb::list:
      return run_list(command, context);
    case Verb::events:
      return run_events(command, context);
    case Verb::plan_check:
      return run_plan_check(command, context);
    case Verb::run:
      return run_run(command, context);
    case Verb::promote:
      return run_promote(command, context);
    case Verb::flag:
      return run_flag(command, context);
    case Verb::approve:
      return run_approve(command, context);
    case Verb::go_no_go:
      return run_go_no_go(command, context);
    case Verb::evidence:
      return run_evidence(command, context);
    case Verb::evidence_verify:
      return run_evidence_verify(command, context);
    case Verb::drill:
      return run_drill(command, context);
    case Verb::completion:
      return run_completion(command, context);
    case Verb::man:
      return run_man(command, context);
  }
  return report_error(make_error(ErrorCode::internal, "unhandled command"), context.console);
}

int report_error(const Error& error, const Console& console) {
  console.err << error_line(error) << '\n';
  return exit_code_for(error);
}

WaitObserver progress_observer(const Checkpoint& initial, const Console& console) {
  struct Seen {
    Checkpoint last;
    bool failing = false;
  };
  auto seen = std::make_shared<Seen>(Seen{initial, false});
  return WaitObserver{
      .polled =
          [seen, &console](const Checkpoint& current) {
            for (const auto& line : progress_lines(seen->last, current)) console.err << line << '\n';
            seen->last = current;
            seen->failing = false;
          },
      .retrying =
          [seen, &console](const Error& error) {
            if (!seen->failing) console.err << "checkpointctl: " << error.message << "; retrying\n";
            seen->failing = true;
          },
  };
}

Result<Checkpoint> follow_restore(const Checkpoint& checkpoint, const Command& command, const VerbContext& context,
                                  const std::optional<Checkpoint>& shown) {
  for (const auto& line : progress_lines(shown, checkpoint)) context.console.err << line << '\n';
  const WaitPlan plan{.while_in = {CheckpointState::restoring},
                      .interval = kRestorePollInterval,
                      .timeout = command.wait_timeout};
  return wait_for_checkpoint(
      checkpoint, [&] { return context.api.get(checkpoint.id); }, plan, context.wait_clock,
      progress_observer(checkpoint, context.console));
}

void print_checkpoint_result(const Checkpoint& checkpoint, const Command& command, const Console& console,
                             bool detailed) {
  if (command.output != OutputFormat::table || detailed) {
    console.out << render_checkpoint(checkpoint, command.output);
    return;
  }
  console.out << "checkpoint " << checkpoint.id << " is now " << to_string(checkpoint.state);
  if (!checkpoint.reason.empty()) console.out << " (reason: " << checkpoint.reason << ")";
  console.out << '\n';
}

}  // namespace ckpt::cli
