#include "codec/restore_plan_json.hpp"

#include "codec/field_reader.hpp"

namespace ckpt {
namespace {

namespace json = boost::json;

Error malformed(std::string message) {
  return make_error(ErrorCode::internal, "the daemon's restore plan is malformed: " + std::move(message));
}

}  // namespace

Result<RestorePlan> restore_plan_from_json(const json::value& body) {
  const auto* outer = body.if_object();
  if (outer == nullptr) return malformed("expected a JSON object holding 'plan'");
  codec::FieldReader envelope{*outer, "", ErrorCode::internal};
  const json::object* fields = envelope.object_field("plan", codec::Presence::required);
  if (fields == nullptr) {
    const auto missing = envelope.finish(true);
    return malformed(missing.error().message);
  }

  codec::FieldReader in{*fields, "plan", ErrorCode::internal};
  RestorePlan plan;
  plan.engine = in.required_string("engine");
  plan.target = in.required_string("target");
  plan.base_backup = in.required_string("base_backup");
  plan.recovery_target = in.required_string("recovery_target");
  if (const json::array* steps = in.required_array("steps")) {
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const auto* step = (*steps)[i].if_string();
      if (step == nullptr) {
        in.fail_field("steps[" + std::to_string(i) + "]", "must be a string");
        break;
      }
      plan.steps.emplace_back(*step);
    }
  }
  plan.manifest = in.required_string("manifest");
  auto result = in.finish(std::move(plan));
  if (!result) return malformed(result.error().message);
  return result;
}

json::object restore_plan_to_json(const RestorePlan& plan) {
  json::array steps;
  for (const auto& step : plan.steps) steps.emplace_back(step);
  return json::object{{"plan", json::object{{"engine", plan.engine},
                                            {"target", plan.target},
                                            {"base_backup", plan.base_backup},
                                            {"recovery_target", plan.recovery_target},
                                            {"steps", std::move(steps)},
                                            {"manifest", plan.manifest}}}};
}

}  // namespace ckpt
