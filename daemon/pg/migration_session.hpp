// The database session a SQL migration runs on: one libpqxx connection with the plan's
// lock_timeout and statement_timeout and application_name "checkpointd/<checkpoint id>",
// and checkpointd's history table (checkpointd.migration_history) that makes each step
// exactly-once: a step's history row commits in the same transaction as the step, so
// after a crash the table says for certain what ran.
//
// A step run in one transaction has one row with statement = 0. A step run statement by
// statement (statements PostgreSQL refuses inside a transaction block) has one row per
// statement (1-based), written right after it: such statements are at-least-once across
// a crash between the statement and its row, and should be written to be re-runnable.
//
// Blocking: call from a blocking pool, one call at a time per session.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/plan.hpp"
#include "core/result.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::pg {

struct StatementOutcome {
  long long affected_rows = 0;  // libpq's PQcmdTuples; 0 for commands that report none
  double duration_seconds = 0;
  std::vector<std::string> notices;
};

// PostgreSQL's error for one statement.
struct StatementError {
  std::size_t index = 0;  // which statement of the batch (0-based)
  std::string sqlstate;
  std::string message;        // one line, without the LINE/caret lines
  int line_in_statement = 1;  // 1-based, from PostgreSQL's "LINE n:" when given
  int position = 0;           // 1-based column on that line, 0 when unknown
};

// The outcome of a batch: every statement that completed, and the error that stopped it.
struct BatchOutcome {
  std::vector<StatementOutcome> statements;
  std::optional<StatementError> error;
};

// What a history row records.
struct HistoryRow {
  std::string checkpoint_id;
  std::string migration_id;
  std::string file;
  std::string sha256;
  int statement = 0;  // 0: the whole file; n: the file's statement n
};

// Makes the row's evidence text (JSON) from the statements that ran for it.
using EvidenceWriter = std::function<std::string(const std::vector<StatementOutcome>&)>;

class MigrationSession {
 public:
  ~MigrationSession();
  MigrationSession(MigrationSession&&) noexcept;
  MigrationSession& operator=(MigrationSession&&) noexcept;

  // Connects (ErrorCode::engine_error naming the server on failure) and sets the session.
  static Result<MigrationSession> open(ConnParams params, const SessionSettings& settings);

  // The server process of this session (pg_backend_pid()), for cancel_backend().
  int backend_pid() const;

  // Creates the schema `checkpointd` and its history table when missing.
  Result<void> ensure_history();
  // The history rows of a checkpoint: (file, statement) -> evidence text.
  Result<std::map<std::pair<std::string, int>, std::string>> history(const std::string& checkpoint_id);

  // Runs `statements` and the history row in one transaction. On an error the
  // transaction rolls back: nothing of the step stays, and `statements` in the outcome
  // holds those that had completed before it was rolled back.
  Result<BatchOutcome> run_in_transaction(const std::vector<std::string>& statements, const HistoryRow& row,
                                          const EvidenceWriter& evidence);
  // Runs one statement outside a transaction block, then its history row.
  Result<BatchOutcome> run_alone(const std::string& statement, const HistoryRow& row, const EvidenceWriter& evidence);

 private:
  struct State;
  explicit MigrationSession(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Cancels the statement server process `pid` is running (pg_cancel_backend), from a
// connection of its own: safe from any thread while the session is in use elsewhere.
Result<void> cancel_backend(const ConnParams& params, int pid);

// The parts of a PostgreSQL error message as libpq formats it ("ERROR:  ...\nLINE 2: ...\n
// <spaces>^"): the first line without the severity, the LINE number and the caret's
// column within the shown line (0 when the line was shortened with "...").
StatementError parse_statement_error(std::string_view message);

}  // namespace ckpt::pg
