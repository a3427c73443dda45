// The SQL checkpointd issues, logged at debug level through the logger of the connection
// it runs on: ConnParams::statement_log, which open_session attaches to the connection
// (a Session detaches it before the connection goes). A line says the statement's text,
// collapsed onto one line, and how many parameters it has -- never their values, which
// may be secrets. Every statement of daemon/pg runs through exec / exec1 / exec_params1
// below; a connection without a statement log logs nothing.
#pragma once

#include <cstddef>
#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/row>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>
#include <utility>

#include "obs/context_logger.hpp"

namespace ckpt::pg {

// Attaches `log` to `connection` (replacing one attached before).
void attach_statement_log(pqxx::connection_base& connection, obs::ContextLogger log);
// Detaches and destroys the statement log of `connection`, if it has one.
void detach_statement_log(pqxx::connection_base& connection) noexcept;

// The debug line for `sql` with `parameters` parameters, through the connection's log.
void log_statement(pqxx::connection_base& connection, std::string_view sql, std::size_t parameters);

// "SELECT a, b FROM t WHERE x = $1": runs of whitespace (newlines too) as one space, trimmed.
std::string statement_on_one_line(std::string_view sql);

pqxx::result exec(pqxx::transaction_base& transaction, const std::string& sql);
pqxx::row exec1(pqxx::transaction_base& transaction, const std::string& sql);

template <typename... Args>
pqxx::row exec_params1(pqxx::transaction_base& transaction, const std::string& sql, Args&&... args) {
  log_statement(transaction.conn(), sql, sizeof...(Args));
  return transaction.exec_params1(sql, std::forward<Args>(args)...);
}

}  // namespace ckpt::pg
