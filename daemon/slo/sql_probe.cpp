#include "slo/sql_probe.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <limits>
#include <optional>
#include <pqxx/except>
#include <pqxx/result>
#include <pqxx/transaction>
#include <string>

#include "codec/echoed_text.hpp"
#include "pg/session.hpp"

namespace ckpt::slo {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kQueryCanceled = "57014";

// Type OIDs (pg_type.dat) of the columns a probe may answer with.
constexpr std::array<pqxx::oid, 6> kNumericTypes{
    20,    // bigint
    21,    // smallint
    23,    // integer
    700,   // real
    701,   // double precision
    1700,  // numeric
};

bool is_numeric(pqxx::oid type) {
  return std::find(kNumericTypes.begin(), kNumericTypes.end(), type) != kNumericTypes.end();
}

// A numeric column's text: digits, or "NaN", "Infinity", "-Infinity" (real, double, numeric).
std::optional<double> numeric_value(std::string_view text) {
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || stop != end) return std::nullopt;
  return value;
}

class ProbeRun {
 public:
  ProbeRun(const SqlProbe& probe, Millis timeout, const pg::ConnParams& database)
      : probe_(probe),
        timeout_(timeout),
        deadline_(Clock::now() + timeout),
        prefix_("sql probe \"" + codec::echoed(probe.query) + "\" on " + pg::describe(database) + ": ") {}

  Result<ResultValue> run(pg::ConnParams database) {
    database.connect_timeout = timeout_;
    database.statement_timeout = Millis{0};
    auto session = pg::open_session(database);
    if (!session) return failed(ErrorCode::engine_error, session.error().message);
    const auto left = std::chrono::duration_cast<Millis>(deadline_ - Clock::now());
    if (left <= Millis{0}) {
      return failed(ErrorCode::deadline_exceeded,
                    "connecting took longer than the timeout of " + format_duration(timeout_));
    }
    try {
      pqxx::read_transaction tx{**session};
      // An integer only: nothing from outside is spliced into the text.
      tx.exec("SET LOCAL statement_timeout = " + std::to_string(left.count()));
      const pqxx::result rows = tx.exec_params(probe_.query);
      return value_of(tx, rows);
    } catch (const pqxx::sql_error& error) {
      return sql_failed(error);
    } catch (const std::exception& error) {
      return failed(ErrorCode::engine_error, pg::failure_text(error));
    }
  }

 private:
  Error failed(ErrorCode code, const std::string& problem, std::string reason = {}) const {
    return make_error(code, prefix_ + problem, std::move(reason));
  }

  Error sql_failed(const pqxx::sql_error& error) const {
    const std::string sqlstate = error.sqlstate();
    std::string problem = pg::failure_text(error);
    if (!sqlstate.empty()) problem += " (SQLSTATE " + sqlstate + ")";
    if (sqlstate == kQueryCanceled) {
      return failed(ErrorCode::deadline_exceeded,
                    "did not finish within the timeout of " + format_duration(timeout_) + ": " + problem, sqlstate);
    }
    return failed(ErrorCode::engine_error, problem, sqlstate);
  }

  Result<ResultValue> value_of(pqxx::read_transaction& tx, const pqxx::result& rows) const {
    if (rows.columns() != 1) {
      return failed(ErrorCode::bad_request,
                    "returned " + std::to_string(rows.columns()) + " columns; it must return one row of one number");
    }
    if (rows.size() != 1) {
      return failed(ErrorCode::bad_request,
                    "returned " + std::to_string(rows.size()) + " rows; it must return one row of one number");
    }
    const pqxx::field field = rows[0][0];
    if (field.is_null()) return ResultValue::number(std::numeric_limits<double>::quiet_NaN());
    const std::string_view text{field.c_str(), field.size()};
    const std::string column = "column \"" + std::string{rows.column_name(0)} + "\"";
    if (is_numeric(rows.column_type(0))) {
      if (const auto value = numeric_value(text)) return ResultValue::number(*value);
      return failed(ErrorCode::bad_request,
                    column + " holds " + codec::echoed(text) + ", beyond the range of a double");
    }
    const auto type = tx.exec_params1("SELECT format_type($1, NULL)", rows.column_type(0));
    return failed(ErrorCode::bad_request, column + " is " + type[0].as<std::string>() + " ('" + codec::echoed(text) +
                                              "'); it must be a number (a NULL is NaN)");
  }

  const SqlProbe& probe_;
  Millis timeout_;
  Clock::time_point deadline_;
  std::string prefix_;
};

}  // namespace

Result<ResultValue> run_sql_probe(const SqlProbe& probe, Millis timeout, pg::ConnParams database) {
  ProbeRun run{probe, timeout, database};
  return run.run(std::move(database));
}

}  // namespace ckpt::slo
