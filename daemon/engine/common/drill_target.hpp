// Which target a drill may remove: the one its own restore created under the drill's
// name (core/checkpoint.hpp drill_object_name), and nothing else. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::engine {

// The name of the scratch target of `checkpoint` (restored by its engine under
// `cluster_name`), or bad_request when the checkpoint is no drill, was cut over, or
// recorded a restore target of another name: nothing but a drill's own target is removed.
// An empty name means the drill's restore never recorded a target: nothing to remove.
Result<std::string> drill_target_name(const Checkpoint& checkpoint, std::string_view cluster_name);

}  // namespace ckpt::engine
