// The plan's `slo`, `flag` and `ladder` sections (core/slo_plan.hpp) as JSON, in the
// shape of the plan YAML (docs/plan.md): a metric's keys are Argo's (successCondition,
// failureLimit, ...), durations are strings ("30s"). Decoding is the exact inverse of
// encoding; with ErrorCode::bad_request unknown fields are refused, and the first bad
// field is named by its path ("plan.slo.metrics[0].provider.prometheus.query").
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/result.hpp"
#include "core/slo_plan.hpp"

namespace ckpt {

boost::json::object to_json(const SloSpec& slo);
boost::json::object to_json(const FlagSpec& flag);
boost::json::object to_json(const LadderPolicy& ladder);

Result<SloSpec> slo_from_json(const boost::json::object& json, std::string path, ErrorCode code);
Result<FlagSpec> flag_from_json(const boost::json::object& json, std::string path, ErrorCode code);
Result<LadderPolicy> ladder_from_json(const boost::json::object& json, std::string path, ErrorCode code);

}  // namespace ckpt
