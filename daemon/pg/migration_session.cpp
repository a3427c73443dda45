#include "pg/migration_session.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <pqxx/connection>
#include <pqxx/errorhandler>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/row>
#include <pqxx/transaction>

#include "pg/session.hpp"

namespace ckpt::pg {
namespace {

constexpr std::string_view kCreateHistory = R"SQL(
CREATE SCHEMA IF NOT EXISTS checkpointd;
CREATE TABLE IF NOT EXISTS checkpointd.migration_history (
  checkpoint_id text NOT NULL,
  migration_id text NOT NULL,
  file text NOT NULL,
  statement integer NOT NULL,
  sha256 text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  evidence text NOT NULL,
  PRIMARY KEY (checkpoint_id, file, statement)
);
COMMENT ON TABLE checkpointd.migration_history IS
  'Steps run by checkpointd, each committed with its step: statement 0 is a whole file run in one transaction';
)SQL";

constexpr std::string_view kInsertHistory =
    "INSERT INTO checkpointd.migration_history (checkpoint_id, migration_id, file, statement, sha256, evidence) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

// Collects the server's notices and warnings of the statement being run.
class NoticeCollector final : public pqxx::errorhandler {
 public:
  explicit NoticeCollector(pqxx::connection_base& connection) : pqxx::errorhandler(connection) {}
  bool operator()(const char message[]) noexcept override {
    try {
      notices_.push_back(one_line(server_text(message)));
    } catch (...) {  // NOLINT(bugprone-empty-catch): a notice lost under memory pressure
    }
    return false;
  }
  std::vector<std::string> take() { return std::exchange(notices_, {}); }

 private:
  std::vector<std::string> notices_;
};

int leading_int(std::string_view text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

struct MigrationSession::State {
  Session connection;
  std::unique_ptr<NoticeCollector> notices;
};

MigrationSession::MigrationSession(std::unique_ptr<State> state) : state_(std::move(state)) {}
MigrationSession::~MigrationSession() {
  if (state_) state_->notices.reset();  // unregister before the connection goes
}
MigrationSession::MigrationSession(MigrationSession&&) noexcept = default;
MigrationSession& MigrationSession::operator=(MigrationSession&&) noexcept = default;

Result<MigrationSession> MigrationSession::open(ConnParams params, const SessionSettings& settings) {
  params.statement_timeout = std::chrono::milliseconds{0};
  auto connection = open_session(params);
  if (!connection) return std::move(connection).error();
  auto state = std::make_unique<State>();
  state->connection = std::move(connection).value();
  auto configured = guarded_sql("setting the migration session's timeouts", [&] {
    pqxx::nontransaction tx{*state->connection};
    // Integers only: nothing from outside is spliced into the text.
    tx.exec("SET lock_timeout = " + std::to_string(settings.lock_timeout.count()));
    tx.exec("SET statement_timeout = " + std::to_string(settings.statement_timeout.count()));
  });
  if (!configured) return std::move(configured).error();
  state->notices = std::make_unique<NoticeCollector>(*state->connection);
  return MigrationSession{std::move(state)};
}

int MigrationSession::backend_pid() const {
  return state_->connection->backendpid();
}

Result<void> cancel_backend(const ConnParams& params, int pid) {
  auto session = open_session(params);
  if (!session) return std::move(session).error();
  return guarded_sql("cancelling the migration's statement", [&] {
    pqxx::nontransaction tx{**session};
    tx.exec_params("SELECT pg_cancel_backend($1)", pid);
  });
}

Result<void> MigrationSession::ensure_history() {
  return guarded_sql("creating checkpointd.migration_history", [&] {
    pqxx::work tx{*state_->connection};
    tx.exec(std::string{kCreateHistory});
    tx.commit();
  });
}

Result<std::map<std::pair<std::string, int>, std::string>> MigrationSession::history(const std::string& checkpoint_id) {
  return guarded_sql("reading checkpointd.migration_history", [&] {
    pqxx::nontransaction tx{*state_->connection};
    const auto rows = tx.exec_params(
        "SELECT file, statement, evidence FROM checkpointd.migration_history WHERE checkpoint_id = $1", checkpoint_id);
    std::map<std::pair<std::string, int>, std::string> applied;
    for (const auto& row : rows) {
      applied[{row[0].as<std::string>(), row[1].as<int>()}] = row[2].as<std::string>();
    }
    return applied;
  });
}

namespace {

template <typename Transaction>
StatementOutcome run_statement(Transaction& tx, NoticeCollector& notices, const std::string& statement) {
  notices.take();  // what came before (the history table's IF NOT EXISTS) is not this statement's
  const auto started = std::chrono::steady_clock::now();
  const auto result = tx.exec(statement);
  StatementOutcome outcome;
  outcome.duration_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  outcome.affected_rows = static_cast<long long>(result.affected_rows());
  outcome.notices = notices.take();
  return outcome;
}

template <typename Transaction>
void insert_history(Transaction& tx, const HistoryRow& row, const std::string& evidence) {
  tx.exec_params(std::string{kInsertHistory}, row.checkpoint_id, row.migration_id, row.file, row.statement, row.sha256,
                 evidence);
}

// Runs `body`; a PostgreSQL error of statement `*current` becomes the outcome's error,
// a lost connection or other failure an Error.
template <typename Body>
Result<BatchOutcome> guarded_batch(std::string_view what, BatchOutcome& outcome, const std::size_t& current,
                                   NoticeCollector& notices, Body&& body) {
  try {
    body();
    return std::move(outcome);
  } catch (const pqxx::broken_connection& lost) {
    return detail::sql_failure(what, lost);
  } catch (const pqxx::sql_error& failure) {
    auto error = parse_statement_error(server_text(failure.what()));
    error.index = current;
    error.sqlstate = failure.sqlstate();
    notices.take();
    outcome.error = std::move(error);
    return std::move(outcome);
  } catch (const std::exception& failure) {
    return detail::sql_failure(what, failure);
  }
}

}  // namespace

Result<BatchOutcome> MigrationSession::run_in_transaction(const std::vector<std::string>& statements,
                                                          const HistoryRow& row, const EvidenceWriter& evidence) {
  BatchOutcome outcome;
  std::size_t current = 0;
  auto& notices = *state_->notices;
  return guarded_batch("running " + row.file, outcome, current, notices, [&] {
    pqxx::work tx{*state_->connection};
    for (; current < statements.size(); ++current) {
      outcome.statements.push_back(run_statement(tx, notices, statements[current]));
    }
    insert_history(tx, row, evidence(outcome.statements));
    tx.commit();
  });
}

Result<BatchOutcome> MigrationSession::run_alone(const std::string& statement, const HistoryRow& row,
                                                 const EvidenceWriter& evidence) {
  BatchOutcome outcome;
  const std::size_t current = 0;
  auto& notices = *state_->notices;
  return guarded_batch("running " + row.file, outcome, current, notices, [&] {
    {
      pqxx::nontransaction tx{*state_->connection};
      outcome.statements.push_back(run_statement(tx, notices, statement));
    }
    pqxx::work tx{*state_->connection};
    insert_history(tx, row, evidence(outcome.statements));
    tx.commit();
  });
}

StatementError parse_statement_error(std::string_view message) {
  StatementError error;
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < message.size();) {
    const auto end = message.find('\n', start);
    lines.push_back(message.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::string first{lines.empty() ? message : lines.front()};
  for (const std::string_view severity : {"ERROR:", "FATAL:", "PANIC:"}) {
    if (first.rfind(severity, 0) == 0) {
      first.erase(0, severity.size());
      break;
    }
  }
  error.message = one_line(first);
  if (!error.message.empty() && error.message.front() == ' ')
    error.message.erase(0, error.message.find_first_not_of(' '));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    constexpr std::string_view kLine = "LINE ";
    if (lines[i].rfind(kLine, 0) != 0) continue;
    const auto colon = lines[i].find(": ");
    if (colon == std::string_view::npos) continue;
    error.line_in_statement = std::max(1, leading_int(lines[i].substr(kLine.size())));
    const bool shortened = lines[i].substr(colon + 2, 3) == "...";
    if (i + 1 < lines.size() && !shortened) {
      const auto caret = lines[i + 1].find('^');
      if (caret != std::string_view::npos && caret >= colon + 2) error.position = static_cast<int>(caret - colon - 1);
    }
    break;
  }
  return error;
}

}  // namespace ckpt::pg
