#include "cli/wrapped_command.hpp"

#include <ostream>

#include "cli/child_process.hpp"
#include "cli/plan_views.hpp"
#include "cli/text_table.hpp"

namespace ckpt::cli {
namespace {

bool may_not_have_arrived(const Error& error) {
  return error.code == ErrorCode::unreachable || error.code == ErrorCode::unavailable ||
         error.code == ErrorCode::deadline_exceeded;
}

std::string ending_text(const ChildExit& exit) {
  if (!exit.spawn_error.empty()) return "could not start (exit " + std::to_string(exit.exit_code) + ")";
  const std::string after = " after " + format_seconds(exit.duration_seconds);
  if (!exit.signal.empty())
    return "was killed by " + exit.signal + " (exit " + std::to_string(exit.exit_code) + ")" + after;
  return "exited " + std::to_string(exit.exit_code) + after;
}

Error not_reported(const std::string& id, const CommandResult& result, const Error& last) {
  const std::string outcome = result.exit_code == 0 && result.signal.empty() ? "succeeded" : "failed";
  return make_error(ErrorCode::unreachable,
                    "the migration's result (the command " + outcome + ", exit " + std::to_string(result.exit_code) +
                        ") could not be reported to checkpointd: " + last.message + "; checkpoint " + id +
                        " stays migrating: once the daemon is back, run 'checkpointctl commit " + id +
                        "' or 'checkpointctl fail " + id + " --reason ...'",
                    last.reason);
}

// POST the result; while it may not have arrived, again until kResultReportTimeout.
// A conflict after such a retry means an earlier attempt did arrive: the checkpoint as
// it is now.
Result<Checkpoint> report(const std::string& id, const CommandResult& result, const VerbContext& context) {
  const auto started = context.wait_clock.now();
  bool retried = false;
  for (;;) {
    auto answer = context.api.report_command_result(id, result);
    if (answer) return answer;
    if (retried && answer.error().code == ErrorCode::conflict) return context.api.get(id);
    if (!may_not_have_arrived(answer.error())) return std::move(answer).error();
    const auto waited = std::chrono::duration_cast<Millis>(context.wait_clock.now() - started);
    if (waited >= kResultReportTimeout) return not_reported(id, result, answer.error());
    if (!retried) context.console.err << "checkpointctl: " << answer.error().message << "; retrying\n";
    retried = true;
    context.wait_clock.sleep(std::min(kResultRetryInterval, kResultReportTimeout - waited));
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> migration_environment(const std::string& checkpoint_id,
                                                                       const DatabaseEndpoint& database) {
  std::vector<std::pair<std::string, std::string>> environment{{"CHECKPOINT_ID", checkpoint_id}};
  if (!database.host.empty()) environment.emplace_back("PGHOST", database.host);
  if (database.port > 0) environment.emplace_back("PGPORT", std::to_string(database.port));
  if (!database.dbname.empty()) environment.emplace_back("PGDATABASE", database.dbname);
  if (!database.user.empty()) environment.emplace_back("PGUSER", database.user);
  return environment;
}

Result<Checkpoint> run_wrapped_command(const MigrationStarted& started, const std::vector<std::string>& argv,
                                       const VerbContext& context) {
  std::ostream& err = context.console.err;
  const std::string& id = started.checkpoint.id;
  const auto environment = migration_environment(id, started.database);
  std::string settings;
  for (const auto& [name, value] : environment) {
    settings.append(settings.empty() ? "" : " ").append(name).append("=").append(value);
  }
  err << "running " << command_line_text(argv) << " with " << settings << std::endl;

  const ChildCallbacks callbacks{
      .output =
          [&err](std::string_view chunk) {
            err.write(chunk.data(), static_cast<std::streamsize>(chunk.size())).flush();
          },
      .forwarded =
          [&err](int signal) {
            err << "checkpointctl: forwarded " << signal_name(signal)
                << " to the migration command; waiting for it to exit" << std::endl;
          },
      .started = {},
  };
  const ChildExit exit = run_child(
      ChildRequest{.argv = argv, .environment = environment, .output_limit = kMaxCommandOutputBytes}, callbacks);
  if (!exit.spawn_error.empty()) err << "checkpointctl: " << exit.spawn_error << '\n';
  err << "the migration command " << ending_text(exit) << std::endl;

  const CommandResult result{.exit_code = exit.exit_code,
                             .signal = exit.signal,
                             .output = exit.output,
                             .duration_seconds = exit.duration_seconds};
  return report(id, result, context);
}

}  // namespace ckpt::cli
