#include "engine/cnpg/cluster_milestones.hpp"

namespace ckpt::engine::cnpg {

ClusterMilestones read_milestones(const ckpt::cnpg::ClusterStatus& status) {
  ClusterMilestones milestones;
  if (ckpt::cnpg::is_unrecoverable(status)) {
    milestones.failure = ckpt::cnpg::why_unrecoverable(status);
  } else if (status.phase == kInvalidDefinitionPhase) {
    milestones.failure = "cluster " + status.name + " has an invalid definition: " +
                         (status.phase_reason.empty() ? std::string{"CNPG gave no reason"} : status.phase_reason);
  }
  const auto* initialized = status.condition("Initialized");
  milestones.ready = ckpt::cnpg::is_healthy(status);
  milestones.initialized =
      milestones.ready || status.ready_instances >= 1 || (initialized != nullptr && initialized->status == "True");
  return milestones;
}

}  // namespace ckpt::engine::cnpg
