// RecoveryClusterStatus: the status the emulation gives a recovery Cluster at each step,
// with CNPG's phases, reasons and conditions (contract-cnpg.md, cnpg.md §4):
//   invalid         "Invalid cluster definition", phaseReason "<field>: <problem>"
//   setting_up      "Setting up primary" ("Creating primary instance <name>-1", plus a
//                   detail when the recovery Job keeps failing, e.g. the empty-archive
//                   check), Ready=False (ClusterIsNotReady), Initialized=False (BootstrapPending)
//   unrecoverable   "Cluster is unrecoverable and needs manual intervention", phaseReason
//                   "Instance creation failed for the following jobs: <name>-1-full-recovery.
//                   Check the job logs for more details. <the Job's last error>"
//   initialized     Initialized=True (BootstrapCompleted), currentPrimary, timelineID
//   healthy         "Cluster in healthy state", readyInstances 1, Ready=True (ClusterIsReady),
//                   its lastTransitionTime from `ready` (taken by the caller before the write)
// Each call is one status write; an error means the Cluster could not be written (e.g. it
// was deleted). One writer per Cluster.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cnpgemu/emulator_types.hpp"
#include "cnpgemu/object_status.hpp"
#include "kubeapi/server/resource_store.hpp"

namespace ckpt::cnpgemu {

class RecoveryClusterStatus {
 public:
  RecoveryClusterStatus(kubeapi::ResourceStore& store, std::string namespace_name, std::string name);

  Result<void> invalid(std::string_view reason);
  Result<void> setting_up(std::string_view detail = {});
  Result<void> unrecoverable(std::string_view job_error);
  Result<void> initialized(std::uint32_t timeline);
  Result<void> healthy(std::uint32_t timeline, const ReadyTime& ready);

 private:
  Result<void> write(boost::json::object status);
  std::string primary() const { return ref_.name + "-1"; }

  kubeapi::ResourceStore& store_;
  kubeapi::ObjectRef ref_;
  ConditionSet conditions_;
};

}  // namespace ckpt::cnpgemu
