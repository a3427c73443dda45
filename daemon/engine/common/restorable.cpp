#include "engine/common/restorable.hpp"

namespace ckpt::engine {

Result<void> require_restorable(const Checkpoint& checkpoint) {
  if (!checkpoint.backup || !checkpoint.recovery_point) {
    return make_error(ErrorCode::conflict, "checkpoint " + checkpoint.id +
                                               " has no base backup and recovery point: it never became ready, so "
                                               "there is nothing to restore it to");
  }
  return {};
}

}  // namespace ckpt::engine
