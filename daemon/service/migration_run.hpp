// One pass over a checkpoint's SQL steps on an open migration session: skips what the
// history table says already ran (filling the record in from its evidence), records
// each step as started before it runs and as applied after it commits, and stops at
// the first failing statement with PostgreSQL's error placed at its file and line.
// Used by MigrationRunner (see migration_runner.hpp for the guarantees).
#pragma once

#include <atomic>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "obs/context_logger.hpp"
#include "pg/migration_session.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

struct RunEnd {
  enum class Kind { applied, failed, interrupted } kind = Kind::applied;
  MigrationFailure failure;  // failed
};

class MigrationRun {
 public:
  MigrationRun(ServiceContext& context, std::string id, pg::MigrationSession& session,
               const std::atomic<bool>& stopping, obs::ContextLogger log)
      : context_(context), id_(std::move(id)), session_(session), stopping_(stopping), log_(std::move(log)) {}

  boost::asio::awaitable<RunEnd> run();

 private:
  using History = std::map<std::pair<std::string, int>, std::string>;

  // The step's result: nullopt when applied, else how the run ends.
  boost::asio::awaitable<std::optional<RunEnd>> run_step(std::size_t index, const SqlStep& step,
                                                         const History& history);
  boost::asio::awaitable<std::optional<RunEnd>> run_transaction(std::size_t index, const SqlStep& step);
  boost::asio::awaitable<std::optional<RunEnd>> run_statements(std::size_t index, const SqlStep& step,
                                                               const History& history);
  // Records the step as started unless the journal already has it.
  boost::asio::awaitable<Result<void>> record_started(std::size_t index, const SqlStep& step);
  enum class StepEnd { running, applied, failed };
  // Appends `runs` to the step's record; `applied` marks it done, both ends stamp finished_at.
  boost::asio::awaitable<Result<void>> record_progress(std::size_t index, std::vector<StatementRun> runs, StepEnd end,
                                                       std::string message);
  // True while the checkpoint is still migrating and the daemon is not stopping.
  bool still_migrating() const;
  RunEnd failure_of(const SqlStep& step, const pg::StatementError& error, std::size_t statement_index) const;
  RunEnd session_failure(const SqlStep& step, const Error& error) const;
  std::vector<StatementRun> runs_of(const SqlStep& step, std::size_t first,
                                    const std::vector<pg::StatementOutcome>& outcomes) const;
  void count_statements(const SqlStep& step, std::size_t first, std::size_t count);

  ServiceContext& context_;
  std::string id_;
  pg::MigrationSession& session_;
  const std::atomic<bool>& stopping_;
  obs::ContextLogger log_;
  std::string migration_id_;
};

}  // namespace ckpt::service
