// Reads the answer of Prometheus' HTTP query API (/api/v1/query, /api/v1/query_range)
// into the value a condition judges, as Argo Rollouts does:
//   scalar                     → a number
//   vector                     → a list of its samples' values, in the order given
//   matrix of one series       → a list of its points' values ([] when no series)
//   matrix of several series   → an error naming how many: aggregate them in the query
//   string                     → an error: a query must give a number
// Sample values are strings: decimals, "NaN", "+Inf", "-Inf".
// An error answer ({"status":"error","errorType":..,"error":..}) becomes
// "prometheus: <errorType>: <error>". A body that is not such a document is an error that
// names the field at fault ("field 'data.result[1].value' must be ..."); with a status
// other than 200 (a proxy's error page, an authentication failure) such a body gives
// "prometheus answered status 401 with <bounded excerpt of the body>" instead.
// Error codes: bad_request for what the query must change (errorType bad_data, several
// series, a string), engine_error for the rest. Pure.
#pragma once

#include <string_view>

#include "core/condition.hpp"
#include "core/result.hpp"

namespace ckpt::slo {

Result<ResultValue> read_prometheus_answer(int http_status, std::string_view body);

}  // namespace ckpt::slo
