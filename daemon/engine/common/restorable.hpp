// Whether a checkpoint can be restored at all, for every engine: it needs its base backup
// and its recovery point. ErrorCode::conflict otherwise.
#pragma once

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::engine {

Result<void> require_restorable(const Checkpoint& checkpoint);

}  // namespace ckpt::engine
