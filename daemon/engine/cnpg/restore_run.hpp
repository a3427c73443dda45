// One CNPG restore of a checkpoint, phase by phase. Each phase is recorded through the
// observer (durably) before the next step acts, and a phase already recorded in
// checkpoint.restore is not repeated:
//   target       the recovery Cluster's name (recovery_manifest.hpp) is recorded with
//                assign_target(name, 0) before anything is applied;
//   applied      the Cluster exists: an earlier one of this checkpoint is adopted (a
//                restarted daemon just continues), another object with the name is
//                refused and left untouched, else it is created from the source Cluster
//                and accepted by the API. A Cluster recorded as applied that has gone is
//                a failure: never a second Cluster for one restore;
//   initialized  Initialized=True or readyInstances >= 1: the primary is up;
//   ready        phase "Cluster in healthy state" with Ready=True;
//   verified     through the Cluster's own read-write service (restored_cluster.hpp),
//                retried every second while the service does not answer yet; TLS is
//                verified as configured when the Cluster shares the source's server CA,
//                else only encrypted, with a warning logged and a note on the restore.
// Watch-driven (object_follower.hpp), not polled. The whole run has the cluster's
// restore deadline; phase "Cluster is unrecoverable ..." and "Invalid cluster
// definition" fail at once with CNPG's reason. The Cluster is kept after a failure, for
// inspection. A rendered Cluster that violates the Cluster CRD's schema is never sent
// (manifest_validator.hpp). Cut-over is refused with bad_request before anything acts.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <set>
#include <string>

#include "cnpg/cluster_status.hpp"
#include "core/checkpoint.hpp"
#include "engine/cnpg/cnpg_context.hpp"
#include "engine/cnpg/recovery_manifest.hpp"
#include "engine/engine.hpp"

namespace ckpt::engine::cnpg {

class RestoreRun {
 public:
  RestoreRun(const CnpgContext& context, Checkpoint checkpoint, RestoreOptions options, RestoreObserver& observer);

  Task<RestoreOutcome> run();

 private:
  using Clock = std::chrono::steady_clock;

  bool reached(std::string_view phase) const;
  // `phase` is a string literal (static storage: safe to hold across the coroutine's suspensions).
  boost::asio::awaitable<Result<void>> mark(std::string_view phase);
  boost::asio::awaitable<Result<boost::json::object>> apply();
  boost::asio::awaitable<Result<void>> await_ready(boost::json::object current);
  boost::asio::awaitable<Result<std::uint32_t>> verify();
  Error not_ready_in_time(const ckpt::cnpg::ClusterStatus& last) const;
  Error step_failed(std::string_view step, Error cause) const;
  std::string label() const;

  const CnpgContext& context_;
  Checkpoint checkpoint_;
  RestoreOptions options_;
  RestoreObserver& observer_;
  RestoreTarget target_;
  RestoredCa restored_ca_ = RestoredCa::own;
  Clock::time_point started_;
  Clock::time_point deadline_;
  std::set<std::string, std::less<>> reached_;
};

}  // namespace ckpt::engine::cnpg
