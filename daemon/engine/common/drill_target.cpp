#include "engine/common/drill_target.hpp"

#include <filesystem>

namespace ckpt::engine {

Result<std::string> drill_target_name(const Checkpoint& checkpoint, std::string_view cluster_name) {
  if (!checkpoint.request.drill) {
    return make_error(ErrorCode::bad_request, "checkpoint '" + checkpoint.id +
                                                  "' is no restore drill: checkpointd removes only the scratch "
                                                  "target of its own drills");
  }
  if (!checkpoint.restore || checkpoint.restore->target.empty()) return std::string{};
  if (checkpoint.restore->cut_over) {
    return make_error(ErrorCode::bad_request,
                      "the restore of drill '" + checkpoint.id + "' was cut over; its target is kept");
  }
  const std::string expected = drill_object_name(cluster_name, checkpoint.id);
  const std::string recorded = std::filesystem::path{checkpoint.restore->target}.filename().string();
  if (recorded != expected) {
    return make_error(ErrorCode::bad_request, "drill '" + checkpoint.id + "' recorded the restore target '" +
                                                  checkpoint.restore->target + "', not its own '" + expected +
                                                  "'; it is kept");
  }
  return expected;
}

}  // namespace ckpt::engine
