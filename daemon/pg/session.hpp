// Opening a libpqxx connection with a connect timeout, and running SQL with errors
// turned into values. A failed connection is ErrorCode::engine_error with reason
// `cluster_unreachable` and a message naming the server (no secrets) and libpq's reason;
// a failing statement is ErrorCode::engine_error naming what was being done and
// PostgreSQL's message. All SQL in checkpointd passes input through exec_params or
// conn.quote()/quote_name(), never by string concatenation.
// What libpq, libpqxx and the server say (an exception's what(), a notice) enters
// checkpointd only through server_text() / failure_text(), which redact credentials
// (obs/redact.hpp): a conninfo's password=..., a URL's user:password@, before the text is
// logged, recorded on a checkpoint or returned. A Session carries the statement log of
// its ConnParams (pg/statement_log.hpp).
#pragma once

#include <exception>
#include <memory>
#include <pqxx/connection>
#include <string_view>
#include <type_traits>

#include "core/result.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::pg {

// Detaches the connection's statement log, then closes the connection.
struct CloseSession {
  void operator()(pqxx::connection* connection) const noexcept;
};
using Session = std::unique_ptr<pqxx::connection, CloseSession>;

Result<Session> open_session(const ConnParams& params);

// libpq messages span lines; this joins them into one trimmed line.
std::string one_line(std::string_view message);

// A message from libpq, libpqxx or the server, lines kept, credentials redacted.
std::string server_text(std::string_view message);
// The same for a failure (its what()), on one line.
std::string failure_text(const std::exception& failure);

namespace detail {
Error sql_failure(std::string_view what, const std::exception& failure);
}

// Runs f (which uses a connection) and returns its value, or an Error naming `what`.
template <typename F>
auto guarded_sql(std::string_view what, F&& f) -> Result<std::invoke_result_t<F>> {
  try {
    if constexpr (std::is_void_v<std::invoke_result_t<F>>) {
      f();
      return {};
    } else {
      return f();
    }
  } catch (const std::exception& failure) {
    return detail::sql_failure(what, failure);
  }
}

}  // namespace ckpt::pg
