// A go/no-go verdict (core/contract_gate.hpp) as JSON: {"go": bool, "items": [{"name",
// "passed", "detail"}]} in the checklist's order, as GET /v1/go-no-go answers it; the
// client's decoding names a bad field with ErrorCode::internal.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/contract_gate.hpp"
#include "core/result.hpp"

namespace ckpt {

boost::json::object to_json(const GateVerdict& verdict);
Result<GateVerdict> gate_verdict_from_json(const boost::json::value& json);

}  // namespace ckpt
