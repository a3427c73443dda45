// The restore plan a dry run answers with, {"plan":{"engine","target","base_backup",
// "recovery_target","steps":[...],"manifest"}}: read into RestorePlan, and
// written back in the same shape for -o json / -o yaml. Decoding requires every field
// and names the first bad one ("plan.steps[2]"), with ErrorCode::internal.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.hpp"
#include "core/restore_plan.hpp"

namespace ckpt {

// `body` is the whole answer, the object holding "plan".
Result<RestorePlan> restore_plan_from_json(const boost::json::value& body);
// The whole answer again: {"plan":{...}}.
boost::json::object restore_plan_to_json(const RestorePlan& plan);

}  // namespace ckpt
