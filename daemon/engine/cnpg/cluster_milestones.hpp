// What a recovery Cluster's status says about the restore (cnpg.md §4), read from
// cnpg/cluster_status.hpp. Pure.
//   initialized  condition Initialized=True (CNPG >= 1.30) or readyInstances >= 1: the
//                primary runs and is writable
//   ready        phase "Cluster in healthy state" with Ready=True
//   failure      phase "Cluster is unrecoverable and needs manual intervention" (the
//                recovery Job gave up) or "Invalid cluster definition": the restore will
//                never finish, so it fails at once with CNPG's reason
#pragma once

#include <optional>
#include <string>

#include "cnpg/cluster_status.hpp"

namespace ckpt::engine::cnpg {

inline constexpr std::string_view kInvalidDefinitionPhase = "Invalid cluster definition";

struct ClusterMilestones {
  bool initialized = false;
  bool ready = false;
  std::optional<std::string> failure;
};

ClusterMilestones read_milestones(const ckpt::cnpg::ClusterStatus& status);

}  // namespace ckpt::engine::cnpg
