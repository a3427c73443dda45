// A flag kept as a key of a ConfigMap's data: its value read from the object the API
// returns, and the JSON merge patch that sets it (data values are strings). Pure.
// Errors:
//   ConfigMap has no key FEATURE_X (keys: A, B)     (not_found)
//   ConfigMap's data.FEATURE_X is not a string
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ckpt::flags {

Result<std::string> config_map_value(const boost::json::object& config_map, std::string_view key);

// {"data": {"<key>": "<value>"}}
boost::json::object config_map_value_patch(std::string_view key, std::string_view value);

}  // namespace ckpt::flags
