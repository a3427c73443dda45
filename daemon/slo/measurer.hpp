// Measurer: takes one measurement of an SLO metric from its provider (core/slo_plan.hpp)
// and gives the value a condition judges (core/condition.hpp's ResultValue).
//   prometheus  GET <server url>/api/v1/query (or query_range over the last `range`) with
//               the server's headers and bearer token (file re-read per query), TLS
//               verified; a scalar is a number, a vector a list of its samples, a matrix
//               of one series a list of its points; NaN/+Inf/-Inf as Prometheus writes them.
//   http        GET of the probe's URL; the JSON field at its pointer (a number, or a
//               bool as 1/0) when the status is expected, else the status code.
//   sql         the probe's query, read-only, on the migrated cluster's primary, with the
//               deadline as statement_timeout: one row of one number (NULL is NaN).
// Guarantees: every measurement ends within `timeout` (network and SQL alike); every
// failure is an Error whose message names the provider and what went wrong (HTTP status
// and a bounded excerpt of the body, Prometheus' errorType and error, the SQLSTATE) and
// never contains a bearer token. Thread-safe; the Measurer outlives its measurements.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include "config/config.hpp"
#include "core/condition.hpp"
#include "core/result.hpp"
#include "core/slo_plan.hpp"
#include "pg/conninfo.hpp"

namespace ckpt::slo {

class Measurer {
 public:
  Measurer(boost::asio::any_io_executor io, boost::asio::thread_pool& blocking, const config::Config& config);
  virtual ~Measurer() = default;
  Measurer(const Measurer&) = delete;
  Measurer& operator=(const Measurer&) = delete;

  // `database`: where an SQL probe runs (the cluster's migration connection).
  virtual boost::asio::awaitable<Result<ResultValue>> measure(ProviderSpec provider, Millis timeout,
                                                              pg::ConnParams database);

 private:
  boost::asio::any_io_executor io_;
  boost::asio::thread_pool& blocking_;
  const config::Config& config_;
};

}  // namespace ckpt::slo
