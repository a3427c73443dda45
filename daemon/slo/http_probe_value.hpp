// The value an HTTP probe measured, from the response it got:
//   - without a JSON pointer: the status code, whatever it is;
//   - with one: the response must have an expected status, else an engine_error
//     "GET <url>: status 503 (expected 200): <bounded excerpt of the body>"; the body must
//     be JSON (strict), and the value at the pointer (RFC 6901) a number, or a boolean
//     counted as 1 / 0. Anything else is an error naming the pointer and what was found
//     ("GET <url>: the value at JSON pointer \"/status\" is a string (\"ok\"), not a
//     number or a boolean"; "GET <url>: nothing at JSON pointer ...").
// Every message starts with "GET <url>: ". Pure.
#pragma once

#include <string_view>

#include "core/condition.hpp"
#include "core/result.hpp"
#include "core/slo_plan.hpp"

namespace ckpt::slo {

Result<ResultValue> http_probe_value(const HttpProbe& probe, int status, std::string_view body);

}  // namespace ckpt::slo
