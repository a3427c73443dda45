#include "pg/statement_log.hpp"

#include <cctype>
#include <pqxx/errorhandler>
#include <vector>

namespace ckpt::pg {
namespace {

// Rides on the connection as an errorhandler, the one kind of object libpqxx 6 lets a
// connection carry; it lets every notice pass on to the other handlers unchanged.
class StatementLog final : public pqxx::errorhandler {
 public:
  StatementLog(pqxx::connection_base& connection, obs::ContextLogger log)
      : pqxx::errorhandler(connection), log_(std::move(log)) {}
  bool operator()(const char[]) noexcept override { return true; }
  const obs::ContextLogger& log() const { return log_; }

 private:
  obs::ContextLogger log_;
};

StatementLog* statement_log_of(const pqxx::connection_base& connection) {
  for (auto* handler : connection.get_errorhandlers()) {
    if (auto* log = dynamic_cast<StatementLog*>(handler)) return log;
  }
  return nullptr;
}

}  // namespace

void attach_statement_log(pqxx::connection_base& connection, obs::ContextLogger log) {
  detach_statement_log(connection);
  new StatementLog(connection, std::move(log));  // NOLINT(cppcoreguidelines-owning-memory): owned by the connection
}

void detach_statement_log(pqxx::connection_base& connection) noexcept {
  try {
    delete statement_log_of(connection);  // its destructor unregisters it
  } catch (...) {  // NOLINT(bugprone-empty-catch): get_errorhandlers() allocates; nothing to detach then
  }
}

std::string statement_on_one_line(std::string_view sql) {
  std::string line;
  line.reserve(sql.size());
  bool space = false;
  for (const char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += c;
  }
  return line;
}

void log_statement(pqxx::connection_base& connection, std::string_view sql, std::size_t parameters) {
  const auto* log = statement_log_of(connection);
  if (log == nullptr) return;
  if (parameters == 0) {
    log->log().debug("SQL: {}", statement_on_one_line(sql));
  } else {
    log->log().debug("SQL: {} ({} parameter{}, values not logged)", statement_on_one_line(sql), parameters,
                     parameters == 1 ? "" : "s");
  }
}

pqxx::result exec(pqxx::transaction_base& transaction, const std::string& sql) {
  log_statement(transaction.conn(), sql, 0);
  return transaction.exec(sql);
}

pqxx::row exec1(pqxx::transaction_base& transaction, const std::string& sql) {
  log_statement(transaction.conn(), sql, 0);
  return transaction.exec1(sql);
}

}  // namespace ckpt::pg
