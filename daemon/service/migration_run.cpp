#include "service/migration_run.hpp"

#include "codec/migration_json.hpp"
#include "core/time_format.hpp"

namespace ckpt::service {
namespace {

// History rows: statement 0 is a whole file run in one transaction, n its statement n.
constexpr int kWholeFile = 0;

// Commands whose completion reports a row count.
bool reports_rows(std::string_view command) {
  for (const std::string_view verb : {"INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "COPY"}) {
    if (command.substr(0, verb.size()) == verb) return true;
  }
  return false;
}

std::string count_text(std::size_t count, std::string_view what) {
  return std::to_string(count) + " " + std::string{what} + (count == 1 ? "" : "s");
}

}  // namespace

bool MigrationRun::still_migrating() const {
  if (stopping_.load()) return false;
  const auto checkpoint = context_.store.get(id_);
  return checkpoint && checkpoint->state == CheckpointState::migrating;
}

boost::asio::awaitable<RunEnd> MigrationRun::run() {
  const auto checkpoint = context_.store.get(id_);
  if (!checkpoint || !checkpoint->request.plan) co_return RunEnd{RunEnd::Kind::interrupted, {}};
  const MigrationPlan plan = *checkpoint->request.plan;
  migration_id_ = plan.migration_id;

  auto history = co_await context_.on_pool([&]() -> Result<History> {
    if (auto created = session_.ensure_history(); !created) return std::move(created).error();
    return session_.history(id_);
  });
  if (!history) co_return session_failure(SqlStep{}, history.error());

  for (std::size_t index = 0; index < plan.steps.size(); ++index) {
    if (!still_migrating()) co_return RunEnd{RunEnd::Kind::interrupted, {}};
    if (auto end = co_await run_step(index, plan.steps[index], *history)) co_return std::move(*end);
  }
  co_return RunEnd{};
}

boost::asio::awaitable<std::optional<RunEnd>> MigrationRun::run_step(std::size_t index, const SqlStep& step,
                                                                     const History& history) {
  if (step.transaction) {
    if (const auto done = history.find({step.file, kWholeFile}); done != history.end()) {
      auto evidence = statement_runs_from_text(done->second);
      auto runs = evidence ? std::move(evidence).value() : std::vector<StatementRun>{};
      if (auto started = co_await record_started(index, step); !started)
        co_return session_failure(step, started.error());
      auto recorded = co_await record_progress(
          index, std::move(runs), StepEnd::applied,
          step.file + " was applied before the daemon restarted (checkpointd.migration_history); not run again");
      if (!recorded) co_return session_failure(step, recorded.error());
      co_return std::nullopt;
    }
    if (auto started = co_await record_started(index, step); !started) co_return session_failure(step, started.error());
    co_return co_await run_transaction(index, step);
  }
  if (auto started = co_await record_started(index, step); !started) co_return session_failure(step, started.error());
  co_return co_await run_statements(index, step, history);
}

boost::asio::awaitable<std::optional<RunEnd>> MigrationRun::run_transaction(std::size_t index, const SqlStep& step) {
  std::vector<std::string> texts;
  for (const auto& statement : step.statements) texts.push_back(statement.text);
  const pg::HistoryRow row{id_, migration_id_, step.file, step.sha256, kWholeFile};
  const pg::EvidenceWriter evidence = [&](const std::vector<pg::StatementOutcome>& outcomes) {
    return statement_runs_to_text(runs_of(step, 0, outcomes));
  };
  log_.info("running {}: {} in one transaction", step.file, count_text(texts.size(), "statement"));
  auto batch = co_await context_.on_pool([&] { return session_.run_in_transaction(texts, row, evidence); });
  if (!batch) co_return session_failure(step, batch.error());
  auto runs = runs_of(step, 0, batch->statements);
  if (batch->error) {
    if (stopping_.load()) co_return RunEnd{RunEnd::Kind::interrupted, {}};
    auto end = failure_of(step, *batch->error, batch->error->index);
    (void)co_await record_progress(index, std::move(runs), StepEnd::failed,
                                   step.file + " rolled back: " + end.failure.message);
    co_return end;
  }
  count_statements(step, 0, runs.size());
  auto recorded = co_await record_progress(index, std::move(runs), StepEnd::applied,
                                           step.file + " applied: " + count_text(texts.size(), "statement"));
  if (!recorded) co_return session_failure(step, recorded.error());
  co_return std::nullopt;
}

boost::asio::awaitable<std::optional<RunEnd>> MigrationRun::run_statements(std::size_t index, const SqlStep& step,
                                                                           const History& history) {
  log_.info("running {}: {} one by one, outside a transaction", step.file,
            count_text(step.statements.size(), "statement"));
  const auto recorded_runs = [&] {
    const auto checkpoint = context_.store.get(id_);
    return checkpoint && checkpoint->migration && index < checkpoint->migration->steps.size()
               ? checkpoint->migration->steps[index].statements.size()
               : std::size_t{0};
  };
  for (std::size_t k = 0; k < step.statements.size(); ++k) {
    const int number = static_cast<int>(k) + 1;
    if (const auto done = history.find({step.file, number}); done != history.end()) {
      if (recorded_runs() > k) continue;
      auto evidence = statement_runs_from_text(done->second);
      auto recorded = co_await record_progress(
          index, evidence ? std::move(evidence).value() : std::vector<StatementRun>{}, StepEnd::running,
          step.file + " statement " + std::to_string(number) + " ran before the daemon restarted; not run again");
      if (!recorded) co_return session_failure(step, recorded.error());
      continue;
    }
    if (!still_migrating()) co_return RunEnd{RunEnd::Kind::interrupted, {}};
    const pg::HistoryRow row{id_, migration_id_, step.file, step.sha256, number};
    const pg::EvidenceWriter evidence = [&](const std::vector<pg::StatementOutcome>& outcomes) {
      return statement_runs_to_text(runs_of(step, k, outcomes));
    };
    const std::string& text = step.statements[k].text;
    auto batch = co_await context_.on_pool([&] { return session_.run_alone(text, row, evidence); });
    if (!batch) co_return session_failure(step, batch.error());
    if (batch->error) {
      if (stopping_.load()) co_return RunEnd{RunEnd::Kind::interrupted, {}};
      auto end = failure_of(step, *batch->error, k);
      (void)co_await record_progress(index, {}, StepEnd::failed,
                                     step.file + " statement " + std::to_string(number) + " failed: " +
                                         end.failure.message);
      co_return end;
    }
    count_statements(step, k, 1);
    auto recorded = co_await record_progress(
        index, runs_of(step, k, batch->statements), StepEnd::running,
        step.file + " statement " + std::to_string(number) + " ran: " + step.statements[k].command);
    if (!recorded) co_return session_failure(step, recorded.error());
  }
  auto recorded = co_await record_progress(
      index, {}, StepEnd::applied, step.file + " applied: " + count_text(step.statements.size(), "statement") + " one by one");
  if (!recorded) co_return session_failure(step, recorded.error());
  co_return std::nullopt;
}

boost::asio::awaitable<Result<void>> MigrationRun::record_started(std::size_t index, const SqlStep& step) {
  const auto current = context_.store.get(id_);
  if (current && current->migration && current->migration->steps.size() > index) co_return Result<void>{};
  const auto now = context_.clock();
  auto stored = co_await context_.on_pool([&] {
    return context_.store.update(
        id_,
        [&](Checkpoint& checkpoint) {
          checkpoint.migration->steps.push_back(StepRun{step.file, step.sha256, now, std::nullopt, false, {}});
        },
        "migration.step", "running " + step.file + " (sha256 " + step.sha256.substr(0, 12) + ")");
  });
  if (!stored) co_return std::move(stored).error();
  co_return Result<void>{};
}

boost::asio::awaitable<Result<void>> MigrationRun::record_progress(std::size_t index, std::vector<StatementRun> runs,
                                                                   StepEnd end, std::string message) {
  const auto now = context_.clock();
  auto stored = co_await context_.on_pool([&] {
    return context_.store.update(
        id_,
        [&](Checkpoint& checkpoint) {
          auto& step = checkpoint.migration->steps.at(index);
          for (auto& run : runs) step.statements.push_back(std::move(run));
          if (end != StepEnd::running) step.finished_at = now;
          if (end == StepEnd::applied) step.applied = true;
        },
        "migration.step", message);
  });
  if (!stored) co_return std::move(stored).error();
  co_return Result<void>{};
}

std::vector<StatementRun> MigrationRun::runs_of(const SqlStep& step, std::size_t first,
                                                const std::vector<pg::StatementOutcome>& outcomes) const {
  std::vector<StatementRun> runs;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const auto& outcome = outcomes[i];
    const ClassifiedStatement* statement = first + i < step.statements.size() ? &step.statements[first + i] : nullptr;
    const std::string command = statement != nullptr ? statement->command : std::string{};
    std::optional<long long> rows;
    if (reports_rows(command)) rows = outcome.affected_rows;
    runs.push_back(StatementRun{statement != nullptr ? statement->line : 0, command, rows, outcome.duration_seconds,
                                outcome.notices});
  }
  return runs;
}

void MigrationRun::count_statements(const SqlStep& step, std::size_t first, std::size_t count) {
  const auto checkpoint = context_.store.get(id_);
  const std::string cluster = checkpoint ? checkpoint->request.cluster : std::string{};
  for (std::size_t i = first; i < first + count && i < step.statements.size(); ++i) {
    context_.metrics.count_migration_statement(cluster, to_string(step.statements[i].verdict.statement_class));
  }
}

RunEnd MigrationRun::failure_of(const SqlStep& step, const pg::StatementError& error,
                                std::size_t statement_index) const {
  RunEnd end{RunEnd::Kind::failed, {}};
  const int first_line = statement_index < step.statements.size() ? step.statements[statement_index].line : 1;
  end.failure = MigrationFailure{step.file, first_line + error.line_in_statement - 1, error.sqlstate, error.message,
                                 error.position};
  log_.warn("{}:{}: {} (SQLSTATE {})", step.file, end.failure.line, error.message, error.sqlstate);
  return end;
}

RunEnd MigrationRun::session_failure(const SqlStep& step, const Error& error) const {
  if (stopping_.load()) return RunEnd{RunEnd::Kind::interrupted, {}};
  log_.warn("the migration session failed: {}", error.message);
  return RunEnd{RunEnd::Kind::failed, MigrationFailure{step.file, 0, "", error.message, 0}};
}

}  // namespace ckpt::service
