// The two values a backend keeps for a flag, and what a stored value means: the on value
// is on, the off value is off, anything else is an error that quotes what was found and
// both values (a person changed it by hand, or the configuration names other values).
// Used for flagd variants, ConfigMap data and env values alike. Pure.
#pragma once

#include <string_view>

#include "core/result.hpp"

namespace ckpt::flags {

struct OnOffValues {
  std::string_view on;
  std::string_view off;

  std::string_view value_for(bool state) const { return state ? on : off; }
};

// `what` names the place in the message: "flag FEATURE_X's defaultVariant", "env var X".
// Error: engine_error, e.g. `env var X is "beta", neither the on value "true" nor the off
// value "false"`.
Result<bool> state_of(std::string_view what, std::string_view value, OnOffValues values);

}  // namespace ckpt::flags
