// The request target of a PromQL query on a Prometheus server whose URL has the path
// `path_prefix` ("" or "/", or e.g. "/prometheus" behind a proxy; a trailing '/' is
// ignored):
//   instant query  <prefix>/api/v1/query?query=<q>&time=<now>
//   range query    <prefix>/api/v1/query_range?query=<q>&start=<now - range>&end=<now>&step=<step>
// Every value is percent-encoded; times are Unix seconds and the step is seconds, with
// the milliseconds when there are any ("1733456789.123", "15", "0.5"). An empty query, or a range or
// step that is not positive, is a bad_request error. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/duration.hpp"
#include "core/result.hpp"
#include "core/slo_plan.hpp"

namespace ckpt::slo {

Result<std::string> prometheus_query_target(std::string_view path_prefix, const PrometheusQuery& query, TimePoint now);

}  // namespace ckpt::slo
