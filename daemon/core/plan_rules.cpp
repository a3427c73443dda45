#include "core/plan_rules.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/begin_validation.hpp"
#include "core/slo_rules.hpp"

namespace ckpt {
namespace {

constexpr std::size_t kShownStatementLength = 80;

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

std::string step_path(std::size_t index) {
  return "steps[" + std::to_string(index) + "]";
}

// The statement on one line for a message: whitespace runs become one space, and a
// long statement is cut (on a UTF-8 character boundary) and ends in "...".
std::string shortened(std::string_view text) {
  std::string flat;
  bool pending_space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      pending_space = !flat.empty();
      continue;
    }
    if (pending_space) flat += ' ';
    pending_space = false;
    flat += c;
  }
  if (flat.size() <= kShownStatementLength) return flat;
  std::size_t cut = kShownStatementLength - 3;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0U) == 0x80U) --cut;
  while (cut > 0 && flat[cut - 1] == ' ') --cut;
  flat.resize(cut);
  return flat + "...";
}

std::string where(const SqlStep& step, const ClassifiedStatement& statement) {
  return step.file + ":" + std::to_string(statement.line);
}

class StructureCheck {
 public:
  explicit StructureCheck(const MigrationPlan& plan) : plan_(plan) {}

  Result<void> run() {
    check_identity();
    check_shape();
    check_transactions();
    check_phase();
    check_break_glass();
    check_session();
    check_duplicate_files();
    for (auto& problem : slo_problems(plan_)) add(std::move(problem));
    if (problems_.empty()) return {};
    std::string message;
    for (const auto& problem : problems_) {
      if (!message.empty()) message += '\n';
      message += problem;
    }
    return make_error(ErrorCode::bad_request, std::move(message));
  }

 private:
  void check_identity() {
    if (is_blank(plan_.migration_id)) {
      add("'migration.id' must not be empty; give the migration an id such as 2026_11_21_add_phone");
    }
    if (!is_valid_cluster_name(plan_.cluster)) {
      add("'cluster' must be a configured cluster name (lowercase letters, digits and '-', starting with a "
          "letter, at most 40 characters), got '" +
          plan_.cluster + "'");
    }
  }

  void check_shape() {
    if (!plan_.steps.empty() && !plan_.command.empty()) {
      add("'steps' and 'command' are both given; a plan either lists SQL files that checkpointd runs or wraps "
          "one command: remove one of them");
    }
  }

  void check_transactions() {
    for (std::size_t index = 0; index < plan_.steps.size(); ++index) {
      const SqlStep& step = plan_.steps[index];
      if (!step.transaction) continue;
      const auto own = std::find_if(step.statements.begin(), step.statements.end(),
                                    [](const ClassifiedStatement& s) { return s.needs_own_transaction; });
      if (own == step.statements.end()) continue;
      add(where(step, *own) + ": " + own->command + " cannot run inside a transaction block, but '" + step_path(index) +
          "' runs its file in one transaction; set `transaction: false` on that step (its "
          "statements then run one by one)");
    }
  }

  void check_phase() {
    if (plan_.phase == MigrationPhase::expand && !plan_.expand_migration_id.empty()) {
      add("'migration.expand_migration_id' is only for contract migrations; remove it, or set `phase: contract` "
          "if this migration removes what an expand migration replaced");
    }
    if (plan_.phase == MigrationPhase::contract && is_blank(plan_.expand_migration_id)) {
      add("'migration.expand_migration_id' is required for a contract migration; give the id of the expand "
          "migration whose go/no-go gates this one");
    }
  }

  void check_break_glass() {
    if (!plan_.break_glass) return;
    if (plan_.phase == MigrationPhase::expand) {
      add("'break_glass' overrides the contract gate and is only for contract migrations; remove it");
      return;
    }
    if (is_blank(plan_.break_glass->by)) {
      add("'break_glass.by' must not be empty; name the person who overrides the contract gate");
    }
    if (is_blank(plan_.break_glass->reason)) {
      add("'break_glass.reason' must not be empty; say why the gate is overridden (the incident or change "
          "number)");
    }
  }

  void check_session() {
    if (plan_.session.lock_timeout <= Millis{0}) {
      add("'session.lock_timeout' must be longer than zero (0 lets a DDL statement wait for its lock forever, "
          "blocking every query behind it); use e.g. 5s");
    }
    if (plan_.session.statement_timeout <= Millis{0}) {
      add("'session.statement_timeout' must be longer than zero (0 lets a statement run forever); use e.g. 15m");
    }
  }

  void check_duplicate_files() {
    std::map<std::string, std::size_t> first_index_of_file;
    for (std::size_t index = 0; index < plan_.steps.size(); ++index) {
      const std::string normal = std::filesystem::path(plan_.steps[index].file).lexically_normal().string();
      const auto [first, inserted] = first_index_of_file.emplace(normal, index);
      if (!inserted) {
        add("'" + step_path(index) + ".sql' repeats '" + plan_.steps[first->second].file + "' of '" +
            step_path(first->second) + ".sql'; each file runs once per plan");
      }
    }
  }

  void add(std::string problem) { problems_.push_back(std::move(problem)); }

  const MigrationPlan& plan_;
  std::vector<std::string> problems_;
};

Result<void> check_expand_statements(const MigrationPlan& plan) {
  if (plan.phase != MigrationPhase::expand) return {};
  const SqlStep* first_step = nullptr;
  const ClassifiedStatement* first = nullptr;
  std::size_t more = 0;
  for (const auto& step : plan.steps) {
    for (const auto& statement : step.statements) {
      if (!blocks_expand(step, statement)) continue;
      if (first == nullptr) {
        first_step = &step;
        first = &statement;
      } else {
        ++more;
      }
    }
  }
  if (first == nullptr) return {};
  const std::string verdict = " (" + first->verdict.rule + ": " + first->verdict.reason + ")";
  std::string message = where(*first_step, *first) + ": " + shortened(first->text);
  if (first->verdict.statement_class == StatementClass::unknown) {
    message += " cannot be checked" + verdict +
               "; an expand migration may only add — have a person review the step and set `reviewed: true` on "
               "it, or move the statement to a contract migration";
  } else {
    message += " is destructive" + verdict + "; an expand migration may only add — move it to a contract migration";
  }
  if (more > 0) {
    message += " (and " + std::to_string(more) + " more such statement" + (more == 1 ? "" : "s") + " in this plan)";
  }
  return make_error(ErrorCode::refused, std::move(message), refusal::destructive_statement);
}

}  // namespace

BeginRequest begin_request_for(const MigrationPlan& plan) {
  BeginRequest request;
  request.cluster = plan.cluster;
  request.migration_id = plan.migration_id;
  request.purpose = plan.purpose;
  request.phase = plan.phase;
  request.window = plan.window;
  return request;
}

bool blocks_expand(const SqlStep& step, const ClassifiedStatement& statement) {
  switch (statement.verdict.statement_class) {
    case StatementClass::destructive:
      return true;
    case StatementClass::unknown:
      return !step.reviewed;
    case StatementClass::additive:
    case StatementClass::lock_risky:
      return false;
  }
  return true;
}

Result<void> check_plan(const MigrationPlan& plan) {
  if (auto structure = StructureCheck{plan}.run(); !structure) return structure;
  if (auto window = validate_begin(begin_request_for(plan)); !window) return window;
  return check_expand_statements(plan);
}

std::size_t PlanSummary::count(StatementClass statement_class) const {
  switch (statement_class) {
    case StatementClass::additive:
      return additive;
    case StatementClass::lock_risky:
      return lock_risky;
    case StatementClass::unknown:
      return unknown;
    case StatementClass::destructive:
      return destructive;
  }
  return 0;
}

PlanSummary summarize_plan(const MigrationPlan& plan) {
  PlanSummary summary;
  summary.steps = plan.steps.size();
  for (const auto& step : plan.steps) {
    for (const auto& statement : step.statements) {
      ++summary.statements;
      switch (statement.verdict.statement_class) {
        case StatementClass::additive:
          ++summary.additive;
          break;
        case StatementClass::lock_risky:
          ++summary.lock_risky;
          break;
        case StatementClass::unknown:
          ++summary.unknown;
          if (step.reviewed) ++summary.unknown_reviewed;
          break;
        case StatementClass::destructive:
          ++summary.destructive;
          break;
      }
      if (blocks_expand(step, statement)) ++summary.blocking_expand;
    }
  }
  return summary;
}

}  // namespace ckpt
