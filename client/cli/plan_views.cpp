#include "cli/plan_views.hpp"

#include <array>
#include <boost/json/object.hpp>

#include "cli/structured_text.hpp"
#include "cli/text_table.hpp"
#include "cli/watch_views.hpp"
#include "codec/plan_json.hpp"
#include "core/plan_rules.hpp"

namespace ckpt::cli {
namespace {

namespace json = boost::json;

constexpr std::size_t kShortStatement = 72;
constexpr std::array kClasses{StatementClass::additive, StatementClass::lock_risky, StatementClass::unknown,
                              StatementClass::destructive};

// The statement on one line (runs of whitespace become one space), cut to `limit`.
std::string short_text(const ClassifiedStatement& statement, std::size_t limit) {
  std::string text;
  for (const char c : statement.text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (text.empty() || text.back() == ' ')) continue;
    text += space ? ' ' : c;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.empty()) return statement.command;
  if (text.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;  // not inside a UTF-8 character
    text = text.substr(0, cut) + "…";
  }
  return text;
}

std::string window_text(const RollbackWindow& window) {
  const std::string duration = window.duration > Millis{0} ? format_duration(window.duration) : "none";
  return duration + ", " + (window.owner.empty() ? "-" : window.owner) + " → " +
         (window.approver.empty() ? "-" : window.approver);
}

std::string header(const MigrationPlan& plan) {
  std::vector<TextRow> rows{{"Migration:", plan.migration_id}};
  if (!plan.purpose.empty()) rows.push_back({"Purpose:", plan.purpose});
  rows.push_back({"Cluster:", plan.cluster});
  std::string phase{to_string(plan.phase)};
  if (!plan.expand_migration_id.empty()) phase += " (after expand migration " + plan.expand_migration_id + ")";
  rows.push_back({"Phase:", phase});
  rows.push_back({"Rollback window:", window_text(plan.window)});
  rows.push_back({"Session:", "lock_timeout " + format_duration(plan.session.lock_timeout) + ", statement_timeout " +
                                  format_duration(plan.session.statement_timeout)});
  rows.push_back({"Commit:", std::string{to_string(plan.commit)}});
  if (!plan.command.empty()) rows.push_back({"Command:", command_line_text(plan.command)});
  if (plan.break_glass) rows.push_back({"Break glass:", plan.break_glass->by + ": " + plan.break_glass->reason});
  add_plan_watch_rows(rows, plan);
  return format_columns(rows);
}

bool is_invalid(const PlanReview& review) {
  return review.problem && review.problem->code != ErrorCode::refused;
}

// `classified`: the SQL was classified (an invalid plan may stop before).
std::string step_text(const SqlStep& step, std::size_t number, bool classified) {
  std::string text = "Step " + std::to_string(number) + ": " + step.file + " (" +
                     (step.transaction ? "one transaction" : "statement by statement") +
                     (step.reviewed ? ", reviewed" : "") + ")\n";
  if (step.statements.empty()) return text + (classified ? "  no statements\n" : "  not classified\n");
  std::vector<TextRow> rows{{"LINE", "CLASS", "RULE", "STATEMENT"}};
  for (const auto& statement : step.statements) {
    rows.push_back({std::to_string(statement.line), std::string{to_string(statement.verdict.statement_class)},
                    statement.verdict.rule.empty() ? "-" : statement.verdict.rule,
                    short_text(statement, kShortStatement)});
  }
  for (const auto& line : lines_of(format_columns(rows))) text += "  " + line + "\n";
  for (const auto& statement : step.statements) {
    if (statement.verdict.statement_class == StatementClass::additive) continue;
    text += "  ! line " + std::to_string(statement.line) + " " +
            std::string{to_string(statement.verdict.statement_class)} + ": " + statement.verdict.reason + "\n";
  }
  return text;
}

std::string class_counts(const MigrationPlan& plan) {
  const PlanSummary summary = summarize_plan(plan);
  std::string text = "Statements: ";
  for (std::size_t i = 0; i < kClasses.size(); ++i) {
    text +=
        (i == 0 ? "" : ", ") + std::to_string(summary.count(kClasses[i])) + " " + std::string{to_string(kClasses[i])};
  }
  if (summary.unknown_reviewed > 0) text += " (" + std::to_string(summary.unknown_reviewed) + " unknown reviewed)";
  return text + "\n";
}

std::string verdict_text(const PlanReview& review) {
  if (review.ok()) return "Verdict: ok\n";
  const Error& problem = *review.problem;
  if (problem.code == ErrorCode::refused) {
    return "Verdict: refused (" + (problem.reason.empty() ? std::string{"refused"} : problem.reason) +
           "): " + problem.message + "\n";
  }
  std::string text = "Verdict: invalid";
  if (!problem.reason.empty()) text += " (" + problem.reason + ")";
  text += ":\n";
  for (const auto& line : lines_of(problem.message)) text += "  " + line + "\n";
  return text;
}

std::string review_table(const PlanReview& review) {
  if (!review.plan) return verdict_text(review);
  const bool invalid = is_invalid(review);
  std::string text = header(*review.plan);
  for (std::size_t i = 0; i < review.plan->steps.size(); ++i) {
    text += "\n" + step_text(review.plan->steps[i], i + 1, !invalid);
  }
  if (!review.plan->steps.empty()) text += "\n" + (invalid ? std::string{} : class_counts(*review.plan));
  return text + verdict_text(review);
}

json::object review_json(const PlanReview& review) {
  json::object verdict{{"ok", review.ok()}, {"code", nullptr}, {"reason", nullptr}, {"message", nullptr}};
  if (review.problem) {
    verdict["code"] = proto::spec_of(review.problem->code).name;
    verdict["reason"] = review.problem->reason;
    verdict["message"] = review.problem->message;
  }
  json::object out;
  out["plan"] = review.plan ? json::value(to_json(*review.plan)) : json::value(nullptr);
  out["verdict"] = std::move(verdict);
  return out;
}

std::string structured(const json::object& value, OutputFormat format) {
  return format == OutputFormat::yaml ? yaml_from_json(value) : pretty_json(value);
}

std::string sql_files_text(const std::vector<SqlStep>& steps) {
  std::string text = std::to_string(steps.size()) + (steps.size() == 1 ? " SQL file: " : " SQL files: ");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    text += (i == 0 ? "" : ", ") + steps[i].file +
            (steps[i].transaction ? " in one transaction" : " statement by statement");
  }
  return text;
}

}  // namespace

std::string command_line_text(const std::vector<std::string>& argv) {
  std::string text;
  for (const auto& arg : argv) {
    if (!text.empty()) text += ' ';
    const bool plain = !arg.empty() && arg.find_first_of(" \t\n'\"\\$`;&|<>*?()") == std::string::npos;
    if (plain) {
      text += arg;
      continue;
    }
    text += '\'';
    for (const char c : arg) text += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
    text += '\'';
  }
  return text;
}

std::string dry_run_sentence(const MigrationPlan& plan, const std::vector<std::string>& command) {
  std::string text = "would begin a checkpoint on cluster " + plan.cluster + " (" + std::string{to_string(plan.phase)} +
                     ", window " + format_duration(plan.window.duration) + ", " + plan.window.owner + " → " +
                     plan.window.approver + "), then run ";
  if (command.empty()) {
    text += sql_files_text(plan.steps);
  } else {
    text += "`" + command_line_text(command) + "` with CHECKPOINT_ID, PGHOST, PGPORT, PGDATABASE and PGUSER set";
  }
  text += plan.commit == CommitPolicy::automatic ? ", then commit automatically"
                                                 : ", then wait for a person to commit (checkpointctl commit ID)";
  return text;
}

std::string render_plan_review(const PlanReview& review, OutputFormat format) {
  if (format == OutputFormat::table) return review_table(review);
  return structured(review_json(review), format);
}

std::string render_dry_run(const PlanReview& review, const std::vector<std::string>& command, OutputFormat format) {
  const bool runs = review.ok() && review.plan;
  if (format == OutputFormat::table) {
    std::string text = review_table(review);
    if (runs) text += "\n" + dry_run_sentence(*review.plan, command) + "\n";
    return text;
  }
  json::object out = review_json(review);
  if (runs) out["would"] = dry_run_sentence(*review.plan, command);
  return structured(out, format);
}

}  // namespace ckpt::cli
