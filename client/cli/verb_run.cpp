// run: one guarded sequence. The plan is judged offline exactly as `plan check` does
// (invalid: 2, refused: 3, before any request); --dry-run stops there and says what
// would happen. Then a checkpoint exactly as `begin` makes one (its id on stdout in
// table mode), the migration (the daemon runs the plan's SQL, or wrapped_command.hpp
// runs CMD and reports its end), and the wait for the checkpoint's verdict, following
// an automatic restore. committed or watching: 0; failed, restored, ...: 4, with the
// failure (file:line and SQLSTATE, or the command's exit status and last lines).
#include <ostream>

#include "cli/migration_views.hpp"
#include "cli/outcome.hpp"
#include "cli/output.hpp"
#include "cli/plan_review.hpp"
#include "cli/plan_views.hpp"
#include "cli/progress.hpp"
#include "cli/verb_parts.hpp"
#include "cli/wrapped_command.hpp"
#include "core/plan_rules.hpp"

namespace ckpt::cli {
namespace {

Error usage(const std::string& message) {
  return make_error(ErrorCode::bad_request, message + " (see 'checkpointctl run --help')");
}

// The command to wrap: CMD after `--`, else the plan's own; empty: the plan's SQL steps.
Result<std::vector<std::string>> migration_argv(const Command& command, const MigrationPlan& plan) {
  const bool has_steps = !plan.steps.empty();
  if (!command.migration_command.empty()) {
    if (has_steps) {
      return usage("the plan " + command.plan_file + " has SQL steps, so it takes no command after '--': " +
                   "drop the steps from the plan or the command from the command line");
    }
    return command.migration_command;
  }
  if (!plan.command.empty()) {
    if (has_steps) return usage("the plan " + command.plan_file + " has both SQL steps and a command; keep one");
    return plan.command;
  }
  if (!has_steps) {
    return usage("the plan " + command.plan_file +
                 " has neither SQL steps nor a command: add one to the plan or give the command after '--'");
  }
  return std::vector<std::string>{};
}

Error plan_problem(const Error& problem, const std::string& file) {
  const char* verdict = problem.code == ErrorCode::refused ? " is refused: " : " is invalid: ";
  return make_error(problem.code, "plan " + file + verdict + problem.message, problem.reason);
}

// The plan's begin request carrying the plan, with the command that runs, whether the
// plan or the command line named it.
BeginRequest begin_request_with_plan(const MigrationPlan& plan, const std::vector<std::string>& argv) {
  BeginRequest request = begin_request_for(plan);
  request.plan = plan;
  request.plan->command = argv;
  return request;
}

Error migration_not_good(const Checkpoint& checkpoint) {
  std::string message = "the migration of checkpoint " + checkpoint.id;
  const std::string failure = checkpoint.migration ? migration_failure_text(*checkpoint.migration) : std::string{};
  message += failure.empty() ? " did not succeed" : " failed: " + failure;
  message += "; the checkpoint is " + std::string{to_string(checkpoint.state)};
  if (!checkpoint.message.empty() && failure.empty()) message += ": " + checkpoint.message;
  return make_error(ErrorCode::failed, std::move(message), checkpoint.reason);
}

// A failed command's last lines of output, already seen live, once more next to the verdict.
void show_output_tail(const Checkpoint& checkpoint, const Console& console) {
  if (!checkpoint.migration || checkpoint.migration->kind != "command") return;
  const auto lines = last_lines(checkpoint.migration->output, kFailureOutputLines);
  if (lines.empty()) return;
  console.err << "last lines of the migration command's output:\n";
  for (const auto& line : lines) console.err << "  " << line << '\n';
}

// After the migration started (and, for a command, its end was reported): wait while
// the daemon is migrating, follow an automatic restore, print the end and decide.
int finish(const Checkpoint& current, const Checkpoint& shown, const Command& command, const VerbContext& context) {
  const Console& console = context.console;
  for (const auto& line : progress_lines(shown, current)) console.err << line << '\n';
  const WaitPlan plan{
      .while_in = {CheckpointState::migrating}, .interval = kMigrationPollInterval, .timeout = command.wait_timeout};
  auto ended = wait_for_checkpoint(
      current, [&] { return context.api.get(current.id); }, plan, context.wait_clock,
      progress_observer(current, console));
  if (!ended) return report_error(ended.error(), console);
  Checkpoint last = std::move(ended).value();
  if (last.state == CheckpointState::restoring) {
    console.err << "checkpoint " << last.id << " is restoring automatically\n";
    auto restored = follow_restore(last, command, context, last);
    if (!restored) return report_error(restored.error(), console);
    last = std::move(restored).value();
  }
  print_checkpoint_result(last, command, console, true);
  const int exit_code = exit_code_after_run(last.state);
  if (exit_code == proto::kExitOk) return exit_code;
  show_output_tail(last, console);
  report_error(migration_not_good(last), console);
  return exit_code;
}

}  // namespace

int run_run(const Command& command, const VerbContext& context) {
  const Console& console = context.console;
  const PlanReview review = review_plan(command.plan_file);
  if (!review.ok()) {
    if (command.dry_run) return show_review(review, render_dry_run(review, {}, command.output), command, console);
    return report_error(plan_problem(*review.problem, command.plan_file), console);
  }
  auto argv = migration_argv(command, *review.plan);
  if (!argv) return report_error(argv.error(), console);
  if (command.dry_run) return show_review(review, render_dry_run(review, *argv, command.output), command, console);

  auto ready = create_checkpoint(begin_request_with_plan(*review.plan, *argv), true, command, context);
  if (!ready) return report_error(ready.error(), console);
  if (ready->state != CheckpointState::ready) {
    if (command.output != OutputFormat::table) console.out << render_checkpoint(*ready, command.output);
    return report_not_ready(*ready, console);
  }

  auto started = context.api.start_migration(ready->id, MigrationStartRequest{.command = *argv});
  if (!started) {
    const int exit_code = report_error(started.error(), console);
    console.err << "checkpointctl: see 'checkpointctl status " << ready->id
                << "'; while it is ready and its migration will not run, give it up with 'checkpointctl abort "
                << ready->id << "'\n";
    return exit_code;
  }
  if (argv->empty()) return finish(started->checkpoint, *ready, command, context);

  for (const auto& line : progress_lines(*ready, started->checkpoint)) console.err << line << '\n';
  auto reported = run_wrapped_command(*started, *argv, context);
  if (!reported) return report_error(reported.error(), console);
  return finish(*reported, started->checkpoint, command, context);
}

}  // namespace ckpt::cli
