// Opening a libpqxx connection with a connect timeout, and running SQL with errors
// turned into values. A failed connection is ErrorCode::engine_error with reason
// `cluster_unreachable` and a message naming the server (no secrets) and libpq's reason;
// a failing statement is ErrorCode::engine_error naming what was being done and
// PostgreSQL's message. All SQL in checkpointd passes input through exec_params or
// conn.quote()/quote_name(), never by string concatenation.
#pragma once

#include <memory>
#include <pqxx/connection>
#include <string_view>
#include <type_traits>

#include "core/result.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::pg {

using Session = std::unique_ptr<pqxx::connection>;

Result<Session> open_session(const ConnParams& params);

// libpq messages span lines; this joins them into one trimmed line.
std::string one_line(std::string_view message);

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
