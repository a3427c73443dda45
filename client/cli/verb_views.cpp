// status (with --watch), list and events: reading only.
#include <ostream>

#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {
namespace {

constexpr const char* kClearLine = "\r\033[K";

// What --watch shows while it waits: on a terminal one line redrawn in place; elsewhere
// (a log, a pipe) the progress lines on stderr, like begin's.
WaitObserver watch_observer(const Checkpoint& initial, const VerbContext& context) {
  if (!context.console.out_is_terminal) {
    for (const auto& line : progress_lines(std::nullopt, initial)) context.console.err << line << '\n';
    return progress_observer(initial, context.console);
  }
  auto redraw = [&context](const Checkpoint& current) {
    context.console.out << kClearLine << watch_line(current, context.wall_clock()) << std::flush;
  };
  redraw(initial);
  return WaitObserver{.polled = redraw,
                      .retrying =
                          [&context](const Error& error) {
                            context.console.out << kClearLine << error.message << "; retrying" << std::flush;
                          }};
}

}  // namespace

int run_status(const Command& command, const VerbContext& context) {
  auto checkpoint = context.api.get(command.checkpoint_id);
  if (!checkpoint) return report_error(checkpoint.error(), context.console);
  Checkpoint shown = std::move(checkpoint).value();
  if (command.watch) {
    const WaitPlan plan{.while_in = {CheckpointState::backing_up, CheckpointState::migrating, CheckpointState::restoring},
                        .while_watch_works = true,
                        .interval = kWatchInterval,
                        .timeout = command.wait_timeout};
    const bool redrawing = command.output == OutputFormat::table && context.console.out_is_terminal;
    WaitObserver observer = command.output == OutputFormat::table ? watch_observer(shown, context) : WaitObserver{};
    auto finished = wait_for_checkpoint(
        shown, [&] { return context.api.get(shown.id); }, plan, context.wait_clock, observer);
    if (redrawing) context.console.out << kClearLine;
    if (!finished) return report_error(finished.error(), context.console);
    shown = std::move(finished).value();
  }
  context.console.out << render_checkpoint(shown, command.output);
  return exit_code_for_state(shown.state);
}

int run_list(const Command& command, const VerbContext& context) {
  auto checkpoints = context.api.list(command.list);
  if (!checkpoints) return report_error(checkpoints.error(), context.console);
  if (checkpoints->empty() && command.output == OutputFormat::table) {
    context.console.err << "no checkpoints found\n";
    return proto::kExitOk;
  }
  context.console.out << render_checkpoint_list(*checkpoints, command.output, context.wall_clock());
  return proto::kExitOk;
}

int run_events(const Command& command, const VerbContext& context) {
  auto events = context.api.events(command.checkpoint_id);
  if (!events) return report_error(events.error(), context.console);
  context.console.out << render_events(*events, command.output);
  return proto::kExitOk;
}

}  // namespace ckpt::cli
