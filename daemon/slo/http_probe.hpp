// One HTTP probe: a GET of the probe's URL with its headers, within `timeout` (connect,
// TLS, sending and receiving); https is verified against the system's CAs. The value is
// http_probe_value.hpp's; a body over 1 MiB is an error. Every error starts with
// "http probe GET <url>: ", except that a URL that is not http(s)://host[:port][/path][?query]
// is a bad_request "http probe URL ..." (net/http_url.hpp, which does not quote
// credentials). Other codes: those of net::HttpClient (unreachable, deadline_exceeded) and
// of http_probe_value.hpp.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "core/condition.hpp"
#include "core/duration.hpp"
#include "core/result.hpp"
#include "core/slo_plan.hpp"

namespace ckpt::slo {

boost::asio::awaitable<Result<ResultValue>> run_http_probe(boost::asio::any_io_executor io, const HttpProbe& probe,
                                                           Millis timeout);

}  // namespace ckpt::slo
