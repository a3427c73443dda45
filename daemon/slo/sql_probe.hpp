// Runs an SQL probe: its query on `database`, in a READ ONLY transaction, as one
// statement (the extended protocol refuses "...; COMMIT; ..."), with the time left of
// `timeout` as its statement_timeout and `timeout` as the connect timeout (libpq waits
// at least 2 s for a connection; a connection that took longer than `timeout` is
// reported as a deadline error before the query runs).
// The answer must be one row of one column of a numeric type (smallint, integer, bigint,
// real, double precision, numeric); NULL is NaN, numeric's NaN and ±Infinity are kept.
// Errors name the probe's query (bounded) and the server (no secrets):
//   deadline_exceeded   the statement timeout or the connect took too long (SQLSTATE 57014)
//   engine_error        connection failures, and PostgreSQL's errors with their SQLSTATE
//                       ("... (SQLSTATE 42601)"), which also goes into Error::reason
//   bad_request         an answer of another shape or type ("returned 2 columns",
//                       "column \"status\" is text ('ok')")
// Blocking: call it from the blocking pool (net/blocking.hpp).
#pragma once

#include "core/condition.hpp"
#include "core/duration.hpp"
#include "core/result.hpp"
#include "core/slo_plan.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::slo {

Result<ResultValue> run_sql_probe(const SqlProbe& probe, Millis timeout, pg::ConnParams database);

}  // namespace ckpt::slo
