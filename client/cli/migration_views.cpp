#include "cli/migration_views.hpp"

#include <optional>

#include "cli/plan_views.hpp"
#include "core/time_format.hpp"

namespace ckpt::cli {
namespace {

std::string count_text(std::size_t count, const char* one) {
  return std::to_string(count) + " " + one + (count == 1 ? "" : "s");
}

std::optional<double> step_seconds(const StepRun& step) {
  if (!step.finished_at) return std::nullopt;
  return seconds_between(step.started_at, *step.finished_at);
}

std::string times_text(const MigrationRecord& migration) {
  std::string text = migration.kind + ", started " + format_rfc3339(migration.started_at);
  if (migration.finished_at) text += ", finished " + format_rfc3339(*migration.finished_at);
  return text;
}

std::string exit_text(const MigrationRecord& migration) {
  if (!migration.signal.empty()) {
    return "killed by " + migration.signal + " (exit " + std::to_string(migration.exit_code.value_or(0)) + ")";
  }
  return migration.exit_code ? "exited " + std::to_string(*migration.exit_code) : std::string{"running"};
}

void add_steps(std::vector<TextRow>& rows, const std::vector<StepRun>& steps) {
  std::vector<TextRow> step_rows;
  for (const auto& step : steps) {
    const auto seconds = step_seconds(step);
    step_rows.push_back({step.file, step.applied ? "applied" : "not applied",
                         count_text(step.statements.size(), "statement"),
                         seconds ? format_seconds(*seconds) : std::string{"running"}});
  }
  add_lines(rows,
            "Steps:", step_rows.empty() ? std::vector<std::string>{"none yet"} : lines_of(format_columns(step_rows)));
}

std::string statement_line(const StepRun& step, const StatementRun& statement) {
  std::string line = step.file + ":" + std::to_string(statement.line) + " " + statement.command;
  if (statement.rows) line += ", " + count_text(static_cast<std::size_t>(*statement.rows), "row");
  return line + ", " + format_seconds(statement.duration_seconds);
}

// Lines for one step, given what was seen of it before (nullptr: nothing).
void add_step_progress(std::vector<std::string>& lines, const StepRun* before, const StepRun& step) {
  if (before == nullptr) lines.push_back("step " + step.file + " started");
  const std::size_t seen = before == nullptr ? 0 : before->statements.size();
  for (std::size_t i = seen; i < step.statements.size(); ++i) {
    lines.push_back("  " + statement_line(step, step.statements[i]));
    for (const auto& notice : step.statements[i].notices) lines.push_back("    notice: " + notice);
  }
  if (step.applied && (before == nullptr || !before->applied)) {
    std::string line = "step " + step.file + " applied (" + count_text(step.statements.size(), "statement");
    if (const auto seconds = step_seconds(step)) line += ", " + format_seconds(*seconds);
    lines.push_back(line + ")");
  }
}

}  // namespace

std::vector<std::string> last_lines(std::string_view text, std::size_t count) {
  auto lines = lines_of(std::string{text});
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(count));
  return lines;
}

std::string migration_failure_text(const MigrationRecord& migration) {
  const bool command_failed = !migration.signal.empty() || (migration.exit_code && *migration.exit_code != 0);
  if (migration.kind == "command" && command_failed) {
    return std::string{"the migration command "} + (migration.signal.empty() ? "" : "was ") + exit_text(migration);
  }
  if (!migration.failure) return {};
  const MigrationFailure& failure = *migration.failure;
  std::string text;
  if (!failure.file.empty()) text += failure.file + (failure.line > 0 ? ":" + std::to_string(failure.line) : "") + ": ";
  if (!failure.sqlstate.empty()) text += "SQLSTATE " + failure.sqlstate + ": ";
  return text + failure.message;
}

void add_migration_rows(std::vector<TextRow>& rows, const MigrationRecord& migration) {
  rows.push_back({"Migration run:", times_text(migration)});
  if (migration.kind == "command") {
    rows.push_back({"Command:", command_line_text(migration.command)});
    rows.push_back({"Exit:", exit_text(migration)});
    if (!migration.output.empty()) {
      add_lines(rows, "Output (tail):", last_lines(migration.output, kFailureOutputLines));
    }
  } else {
    add_steps(rows, migration.steps);
  }
  if (const auto failure = migration_failure_text(migration); !failure.empty()) rows.push_back({"Failure:", failure});
}

std::vector<std::string> migration_progress_lines(const MigrationRecord* previous, const MigrationRecord& current) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < current.steps.size(); ++i) {
    const StepRun* before = previous != nullptr && i < previous->steps.size() ? &previous->steps[i] : nullptr;
    add_step_progress(lines, before, current.steps[i]);
  }
  if (current.failure && (previous == nullptr || !previous->failure)) {
    lines.push_back("migration failed: " + migration_failure_text(current));
  }
  return lines;
}

}  // namespace ckpt::cli
