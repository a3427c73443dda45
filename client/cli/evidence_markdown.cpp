#include "cli/evidence_markdown.hpp"

#include <sstream>

#include "cli/markdown_text.hpp"
#include "cli/text_table.hpp"
#include "core/lsn.hpp"
#include "core/time_format.hpp"

namespace ckpt::cli {
namespace {

using Rows = std::vector<std::vector<std::string>>;

constexpr const char* kYes = "✅";
constexpr const char* kNo = "❌";

std::string code(std::string_view text) {
  return markdown_code(text);
}

std::string yes_no(bool value) {
  return value ? "yes" : "no";
}

std::string or_dash(const std::string& text) {
  return text.empty() ? "—" : text;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : std::string{separator}) + item;
  return text;
}

std::string time_or_dash(const std::optional<TimePoint>& at) {
  return at ? utc_time(*at) : "—";
}

// "Started <time>, finished <time>" or "Started <time>, did not finish".
std::string started_and_finished(TimePoint started, const std::optional<TimePoint>& finished) {
  return "Started " + utc_time(started) + (finished ? ", finished " + utc_time(*finished) : ", did not finish");
}

std::string describe(const Measurement& measurement) {
  std::string text = std::string{to_string(measurement.phase)};
  if (!measurement.value.empty()) text += ", value " + code(measurement.value);
  if (!measurement.message.empty()) text += ": " + measurement.message;
  return text;
}

void summary(std::ostream& out, const EvidencePackage& package) {
  const BeginRequest& request = package.request;
  out << "# Evidence: " << code(request.migration_id) << " (" << to_string(request.phase) << "), checkpoint "
      << code(package.checkpoint_id) << "\n\n";
  if (!request.purpose.empty()) out << request.purpose << "\n\n";
  std::string state = "**" + std::string{to_string(package.state)} + "**";
  if (!package.reason.empty()) state += " (" + package.reason + ")";
  if (!package.message.empty()) state += ": " + package.message;
  std::string generated = utc_time(package.generated_at);
  if (!package.checkpointd_version.empty()) generated += " by checkpointd " + package.checkpointd_version;
  out << markdown_table({"", ""}, {{"Cluster", code(request.cluster)},
                                   {"State", state},
                                   {"Created", utc_time(package.created_at)},
                                   {"Committed", time_or_dash(package.committed_at)},
                                   {"Generated", generated}});
}

void go_no_go(std::ostream& out, const EvidencePackage& package) {
  if (!package.go_no_go) return;
  const GoNoGoEvidence& gate = *package.go_no_go;
  out << "## Go/no-go\n\n"
      << (gate.verdict.go ? "**GO**" : "**NO-GO**") << " for the contract step after " << code(gate.expand_migration_id)
      << ":\n\n";
  for (const auto& item : gate.verdict.items) {
    out << "- " << (item.passed ? kYes : kNo) << " **" << item.name << "**: " << item.detail << '\n';
  }
  out << '\n';
}

void plan_section(std::ostream& out, const EvidencePackage& package) {
  const BeginRequest& request = package.request;
  out << "## Plan\n\n";
  const RollbackWindow& window = request.window;
  Rows rows{{"Migration", code(request.migration_id)},
            {"Phase", std::string{to_string(request.phase)}},
            {"Rollback window",
             format_duration(window.duration) + ", owner " + window.owner + ", approver " + window.approver}};
  if (!request.plan) {
    out << markdown_table({"", ""}, rows)
        << "No plan was sent: the migration job ran its own steps between `begin` and `commit`.\n\n";
    return;
  }
  const MigrationPlan& plan = *request.plan;
  if (!plan.expand_migration_id.empty()) rows.push_back({"Expand migration", code(plan.expand_migration_id)});
  rows.push_back({"Session", "lock_timeout " + format_duration(plan.session.lock_timeout) + ", statement_timeout " +
                                 format_duration(plan.session.statement_timeout)});
  rows.push_back({"Commit", std::string{to_string(plan.commit)}});
  if (plan.flag) rows.push_back({"Flag", code(plan.flag->name) + " in " + joined(plan.flag->scopes, ", ")});
  if (!plan.command.empty()) rows.push_back({"Command", code(joined(plan.command, " "))});
  if (plan.break_glass) rows.push_back({"Break glass", plan.break_glass->by + ": " + plan.break_glass->reason});
  out << markdown_table({"", ""}, rows);
  if (plan.steps.empty()) return;
  Rows files;
  Rows statements;
  for (const auto& step : plan.steps) {
    files.push_back({code(step.file), code(step.sha256), yes_no(step.transaction), yes_no(step.reviewed)});
    for (const auto& statement : step.statements) {
      statements.push_back({code(step.file + ":" + std::to_string(statement.line)), statement.command,
                            std::string{to_string(statement.verdict.statement_class)}, code(statement.verdict.rule),
                            statement.verdict.reason});
    }
  }
  out << "### SQL files\n\n" << markdown_table({"File", "sha256", "One transaction", "Reviewed"}, files);
  out << "### Statements\n\n" << markdown_table({"Where", "Command", "Class", "Rule", "Reason"}, statements);
}

void checkpoint_section(std::ostream& out, const EvidencePackage& package) {
  out << "## Checkpoint\n\n";
  Rows rows;
  if (package.backup) {
    const BackupInfo& backup = *package.backup;
    rows.push_back(
        {"Base backup", code(backup.backup_id) + " (" + code(backup.name) + ")" + (backup.reused ? ", reused" : "")});
    rows.push_back({"WAL range", format_lsn(backup.begin_lsn) + " to " + format_lsn(backup.end_lsn) + " on timeline " +
                                     std::to_string(backup.timeline)});
    rows.push_back({"Backup taken", utc_time(backup.started_at) + " to " + utc_time(backup.stopped_at) + " (" +
                                        format_human_duration(seconds_between(backup.started_at, backup.stopped_at)) +
                                        ")"});
  } else {
    rows.push_back({"Base backup", "none recorded"});
  }
  if (package.recovery_point) {
    const RecoveryPoint& point = *package.recovery_point;
    rows.push_back({"Recovery target", "LSN " + format_lsn(point.target_lsn) + " on timeline " +
                                           std::to_string(point.timeline) + ", restore point " +
                                           code(point.restore_point)});
    rows.push_back({"WAL segment", code(point.wal_file)});
    rows.push_back({"Server time", point.server_time});
  }
  const ArchiveProof& proof = package.archived_before_ready;
  rows.push_back({"Archived before ready", std::string{proof.proven ? kYes : kNo} + " " + proof.detail});
  if (!package.schema_fingerprint.empty()) rows.push_back({"Schema fingerprint", code(package.schema_fingerprint)});
  out << markdown_table({"", ""}, rows);
}

void failure_line(std::ostream& out, const MigrationFailure& failure) {
  out << "**Failed**";
  if (!failure.file.empty()) out << " at " << code(failure.file + ":" + std::to_string(failure.line));
  out << ": ";
  if (!failure.sqlstate.empty()) out << "SQLSTATE " << failure.sqlstate << ", ";
  out << failure.message;
  if (failure.position > 0) out << " (position " << failure.position << ")";
  out << "\n\n";
}

void execution_section(std::ostream& out, const EvidencePackage& package) {
  out << "## Execution\n\n";
  if (!package.execution) {
    out << "The migration did not start.\n\n";
    return;
  }
  const MigrationRecord& run = *package.execution;
  out << started_and_finished(run.started_at, run.finished_at) << ".\n\n";
  for (const auto& step : run.steps) {
    out << "### " << code(step.file) << (step.applied ? " (applied)" : " (not applied)") << "\n\n"
        << "sha256 " << code(step.sha256) << "\n\n";
    Rows rows;
    for (const auto& statement : step.statements) {
      rows.push_back({std::to_string(statement.line), statement.command,
                      statement.rows ? std::to_string(*statement.rows) : "—",
                      format_human_duration(statement.duration_seconds), or_dash(joined(statement.notices, "\n"))});
    }
    out << markdown_table({"Line", "Command", "Rows", "Duration", "Notices"}, rows);
  }
  if (run.kind == "command") {
    out << "Command " << code(joined(run.command, " ")) << ": ";
    out << (run.exit_code ? "exit code " + std::to_string(*run.exit_code) : std::string{"no exit code"});
    if (!run.signal.empty()) out << ", ended by " << run.signal;
    out << "\n\n";
    if (!run.output.empty()) out << "```text\n" << run.output << (run.output.back() == '\n' ? "" : "\n") << "```\n\n";
  }
  if (run.failure) failure_line(out, *run.failure);
}

std::string checks_text(const std::vector<CheckResult>& checks) {
  std::string text;
  for (const auto& check : checks) text += (text.empty() ? "" : "\n") + check.name + ": " + describe(check.measurement);
  return or_dash(text);
}

void flag_section(std::ostream& out, const EvidencePackage& package) {
  out << "## Flag and health checks\n\n";
  if (package.flag_changes.empty()) {
    out << "No flag change was recorded.\n\n";
    return;
  }
  Rows rows;
  for (const auto& change : package.flag_changes) {
    const std::string flag = change.error.empty() ? (change.on ? "on" : "off")
                                                  : std::string{change.on ? "on" : "off"} + " failed: " + change.error;
    rows.push_back(
        {utc_time(change.at), change.scope, flag, change.by, or_dash(change.note), checks_text(change.checks)});
  }
  out << markdown_table({"Time", "Scope", "Flag", "By", "Note", "Health checks after it"}, rows);
}

std::string conditions(const MetricEvidence& metric) {
  std::string text;
  if (!metric.success_condition.empty()) text += "success: " + code(metric.success_condition);
  if (!metric.failure_condition.empty())
    text += (text.empty() ? "" : "\n") + ("failure: " + code(metric.failure_condition));
  return text + (metric.dry_run ? "\n(dry run)" : "");
}

void run_section(std::ostream& out, const RunEvidence& run) {
  out << "### " << (run.kind == "recheck" ? "Recheck after the flag off" : "Watch") << ": " << to_string(run.phase)
      << "\n\n";
  out << started_and_finished(run.started_at, run.finished_at);
  if (!run.message.empty()) out << ". " << run.message;
  out << "\n\n";
  Rows metrics;
  Rows measurements;
  for (const auto& metric : run.metrics) {
    std::string why = metric.message;
    if (metric.folded > 0)
      why += (why.empty() ? "" : "; ") + std::to_string(metric.folded) + " older measurements not kept";
    metrics.push_back({metric.name, conditions(metric), std::string{to_string(metric.phase)}, or_dash(why)});
    for (const auto& measurement : metric.measurements) {
      measurements.push_back({metric.name, time_or_dash(measurement.finished_at),
                              std::string{to_string(measurement.phase)}, code(measurement.value),
                              or_dash(measurement.message)});
    }
  }
  out << markdown_table({"Metric", "Conditions", "Phase", "Why"}, metrics)
      << markdown_table({"Metric", "Measured", "Phase", "Value", "Message"}, measurements);
}

void analysis_section(std::ostream& out, const EvidencePackage& package) {
  out << "## Analysis\n\n";
  if (!package.analysis) {
    out << "No SLO watch: the plan has no `slo` section.\n\n";
    return;
  }
  const AnalysisEvidence& analysis = *package.analysis;
  out << "Stage **" << to_string(analysis.stage) << "**: " << analysis.stage_reason << ".\n\n";
  for (const auto& run : analysis.runs) run_section(out, run);
  if (analysis.data_checks.empty()) return;
  Rows rows;
  for (const auto& check : analysis.data_checks) {
    rows.push_back({check.name, std::string{to_string(check.measurement.phase)}, code(check.measurement.value),
                    or_dash(check.measurement.message)});
  }
  out << "### Data checks\n\n" << markdown_table({"Check", "Phase", "Value", "Message"}, rows);
}

void restore_section(std::ostream& out, const RestoreEvidence& restore) {
  out << "### Restore\n\n";
  std::string verified = restore.verified
                             ? std::string{kYes} + " on timeline " + std::to_string(restore.restored_timeline)
                             : std::string{kNo} + " not verified";
  Rows rows{
      {"Trigger", restore.trigger + " (attempt " + std::to_string(restore.attempt) + ")"},
      {"Target", code(restore.target)},
      {"Path", restore.path == "pre-warmed" ? "pre-warmed (the parked copy, paused at the target, was promoted)"
               : restore.path == "cold"     ? "cold (base backup copied, WAL replayed)"
                                            : "—"},
      {"Duration",
       restore.duration_seconds ? format_human_duration(*restore.duration_seconds) + " (trigger to verified)" : "—"},
      {"Predicted", restore.predicted_seconds
                        ? format_human_duration(*restore.predicted_seconds) + " (when the checkpoint became ready)"
                        : "— (no prediction recorded)"},
      {"Verified", verified},
      {"Cut-over", restore.cutover ? (restore.cut_over ? "carried out" : "asked for, not carried out") : "no"}};
  if (!restore.error.empty()) rows.push_back({"Error", restore.error});
  out << markdown_table({"", ""}, rows);
  Rows phases;
  for (const auto& phase : restore.phases) {
    phases.push_back({phase.phase, utc_time(phase.at), "+" + format_human_duration(phase.offset_seconds)});
  }
  out << markdown_table({"Phase", "Time", "Since the start"}, phases);
  for (const auto& note : restore.notes) out << "- " << note << '\n';
  if (!restore.notes.empty()) out << '\n';
}

void rollback_section(std::ostream& out, const EvidencePackage& package) {
  out << "## Rollback timeline\n\n";
  const auto steps = rollback_steps(package);
  if (steps.empty()) {
    out << "Nothing was rolled back: no failure, rung of the ladder or restore was recorded.\n\n";
    return;
  }
  Rows rows;
  for (const auto& step : steps) {
    rows.push_back({utc_time(step.at), "+" + format_human_duration(seconds_between(steps.front().at, step.at)),
                    step.step, or_dash(step.detail)});
  }
  out << markdown_table({"Time", "After", "Step", "Detail"}, rows);
  const RollbackEvidence& rollback = package.rollback;
  if (rollback.recovery_seconds) {
    out << "**Recovery time:** " << format_human_duration(*rollback.recovery_seconds)
        << " (from the first failing measurement to the SLOs met again)\n\n";
  }
  if (rollback.restore) restore_section(out, *rollback.restore);
}

void approvals_section(std::ostream& out, const EvidencePackage& package) {
  out << "## Approvals\n\n";
  if (package.approvals.empty()) {
    out << "No approval was recorded.\n\n";
    return;
  }
  Rows rows;
  for (const auto& approval : package.approvals)
    rows.push_back({approval.by, utc_time(approval.at), or_dash(approval.note)});
  out << markdown_table({"By", "At", "Note"}, rows);
}

void timeline_section(std::ostream& out, const EvidencePackage& package) {
  out << "## Timeline\n\n";
  Rows rows;
  for (const auto& event : package.events) {
    rows.push_back({std::to_string(event.seq), utc_time(event.at), code(event.type), event.message});
  }
  out << markdown_table({"#", "Time", "Type", "Message"}, rows);
}

}  // namespace

std::string evidence_markdown(const EvidencePackage& package, std::string_view sha256) {
  std::ostringstream out;
  summary(out, package);
  go_no_go(out, package);
  plan_section(out, package);
  checkpoint_section(out, package);
  execution_section(out, package);
  flag_section(out, package);
  analysis_section(out, package);
  rollback_section(out, package);
  approvals_section(out, package);
  timeline_section(out, package);
  out << "---\n\nsha256 " << code(sha256)
      << ": the SHA-256 of this package's canonical JSON (`checkpointctl evidence ID -o json` saves it, "
         "`checkpointctl evidence verify FILE` checks it).\n";
  return out.str();
}

}  // namespace ckpt::cli
