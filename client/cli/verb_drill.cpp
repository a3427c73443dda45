// drill: begin a restore drill of a cluster, print its id at once (table mode), then
// follow it (its backup, restore phases and conclusion on stderr) until the daemon
// records how it ended. Exit 0 when the restore was verified, 3 when the drill was
// refused, 4 when it failed; a verified drill whose scratch target could not be removed
// still exits 0 and says so.
#include <cstdio>
#include <ostream>

#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/verb_parts.hpp"

namespace ckpt::cli {
namespace {

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", seconds);
  return text;
}

int report_refused(const Checkpoint& checkpoint, const Console& console) {
  return report_error(make_error(ErrorCode::refused, "drill " + checkpoint.id + " was refused: " + checkpoint.message,
                                 checkpoint.reason),
                      console);
}

// One line on how the drill ended.
std::string conclusion_line(const Checkpoint& checkpoint) {
  const DrillResult& result = *checkpoint.drill_result;
  std::string line = "drill " + checkpoint.id + (result.verified ? " verified" : " failed");
  if (result.verified && checkpoint.restore && checkpoint.restore->duration_seconds) {
    line += ": restore took " + seconds_text(*checkpoint.restore->duration_seconds);
  }
  return line + "; " + result.message;
}

}  // namespace

int run_drill(const Command& command, const VerbContext& context) {
  const Console& console = context.console;
  const DrillRequest request{command.drill_cluster, command.keep, command.by};
  auto begun = context.api.drill(request);
  if (!begun) return report_error(begun.error(), console);
  const Checkpoint& checkpoint = begun->checkpoint;
  if (command.output == OutputFormat::table) console.out << checkpoint.id << std::endl;
  for (const auto& line : progress_lines(std::nullopt, checkpoint)) console.err << line << '\n';
  if (command.no_wait) {
    if (command.output != OutputFormat::table) console.out << render_checkpoint(checkpoint, command.output);
    return checkpoint.state == CheckpointState::refused ? report_refused(checkpoint, console) : proto::kExitOk;
  }

  const WaitPlan plan{
      .while_in = {}, .while_drill_runs = true, .interval = kRestorePollInterval, .timeout = command.wait_timeout};
  auto ended = wait_for_checkpoint(
      checkpoint, [&] { return context.api.get(checkpoint.id); }, plan, context.wait_clock,
      progress_observer(checkpoint, console));
  if (!ended) return report_error(ended.error(), console);
  if (command.output != OutputFormat::table) console.out << render_checkpoint(*ended, command.output);
  if (ended->state == CheckpointState::refused) return report_refused(*ended, console);
  if (!ended->drill_result) {
    return report_error(make_error(ErrorCode::failed, "drill " + ended->id + " ended " +
                                                          std::string{to_string(ended->state)} + " without a result"),
                        console);
  }
  if (command.output == OutputFormat::table) console.out << conclusion_line(*ended) << '\n';
  return ended->drill_result->verified ? proto::kExitOk : proto::spec_of(ErrorCode::failed).exit_code;
}

}  // namespace ckpt::cli
