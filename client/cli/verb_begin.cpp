// begin: create the checkpoint, print its id at once (table mode), then wait until it is
// ready, refused or anything else. run shares the first half (create_checkpoint) and
// the verdict (report_not_ready).
#include <ostream>

#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {
namespace {

// Why the migration must not start, for a checkpoint that did not become ready.
Error not_ready(const Checkpoint& checkpoint) {
  if (checkpoint.state == CheckpointState::refused) {
    return make_error(ErrorCode::refused, "checkpoint " + checkpoint.id + " was refused: the migration must not start",
                      checkpoint.reason);
  }
  return make_error(ErrorCode::failed,
                    "checkpoint " + checkpoint.id + " is " + std::string{to_string(checkpoint.state)} +
                        ", not ready: the migration must not start",
                    checkpoint.reason);
}

}  // namespace

Result<Checkpoint> create_checkpoint(const BeginRequest& request, bool wait, const Command& command,
                                     const VerbContext& context) {
  const Console& console = context.console;
  auto created = context.api.begin(request);
  if (!created) return std::move(created).error();
  const Checkpoint& checkpoint = created->checkpoint;

  if (command.output == OutputFormat::table) console.out << checkpoint.id << std::endl;
  if (created->existing) {
    console.err << "checkpoint " << checkpoint.id << " already exists for idempotency key '" << request.idempotency_key
                << "'\n";
  }
  for (const auto& line : progress_lines(std::nullopt, checkpoint)) console.err << line << '\n';
  if (!wait) return checkpoint;

  const WaitPlan plan{
      .while_in = {CheckpointState::backing_up},
      .interval = kBeginPollInterval,
      .first_interval = kBeginFirstPoll,
      .timeout = command.wait_timeout};
  return wait_for_checkpoint(
      checkpoint, [&] { return context.api.get(checkpoint.id); }, plan, context.wait_clock,
      progress_observer(checkpoint, console));
}

int report_not_ready(const Checkpoint& checkpoint, const Console& console) {
  report_error(not_ready(checkpoint), console);
  return exit_code_after_begin(checkpoint.state);
}

int run_begin(const Command& command, const VerbContext& context) {
  auto final_state = create_checkpoint(command.begin, !command.no_wait, command, context);
  if (!final_state) return report_error(final_state.error(), context.console);
  if (command.output != OutputFormat::table) context.console.out << render_checkpoint(*final_state, command.output);
  if (final_state->state == CheckpointState::ready) return proto::kExitOk;
  if (command.no_wait && final_state->state == CheckpointState::backing_up) return proto::kExitOk;
  return report_not_ready(*final_state, context.console);
}

}  // namespace ckpt::cli
