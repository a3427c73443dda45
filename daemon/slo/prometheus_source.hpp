// One query against a Prometheus server of the configuration: GET of
// <server url>/api/v1/query (or query_range over the last `range`, one point per `step`)
// with the server's headers and "Authorization: Bearer <token>" when it has a token file
// (read again for every query, surrounding whitespace trimmed), over TLS verified
// against the server's ca_file (else the system's CAs) unless insecure_skip_tls_verify.
// The deadline is the shorter of `timeout` and the server's timeout and covers connect,
// TLS, sending and receiving. The answer is read by prometheus_response.hpp.
// Every error starts with `prometheus query "<query>" on server "<name>" (<url>): ` (with
// `: URL ...` after the name instead for an unusable URL, net/http_url.hpp) and never
// contains the token (a server that echoes it back is redacted). Codes: those of
// net::HttpClient (unreachable, deadline_exceeded) and of prometheus_response.hpp;
// unauthorized for an unreadable or empty token file; bad_request for a server URL that
// is not http(s)://host[:port][/prefix].
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "config/config.hpp"
#include "core/condition.hpp"
#include "core/duration.hpp"
#include "core/result.hpp"
#include "core/slo_plan.hpp"

namespace ckpt::slo {

boost::asio::awaitable<Result<ResultValue>> query_prometheus(boost::asio::any_io_executor io,
                                                             const config::PrometheusServer& server,
                                                             const PrometheusQuery& query, Millis timeout);

}  // namespace ckpt::slo
