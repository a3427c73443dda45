// Changes of the plan's feature flag on a checkpoint: `checkpointctl flag ID on|off
// [--scope S]` by a person, and rung 1 of the rollback ladder. The intent is on the
// checkpoint's timeline before any backend is touched; then, scope by scope, the flag is
// set through flags::FlagSwitch and the change (or its error) is recorded with the SLO
// metrics measured once right after it (the health checks after the change).
// Refusals: bad_request when the plan names no flag, the scope is not one of the plan's,
// or `by` is blank; conflict for a refused or aborted checkpoint. A backend that fails
// gives engine_error naming the scope, after the failed change is recorded.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "codec/requests.hpp"
#include "flags/flag_switch.hpp"
#include "service/service_context.hpp"
#include "service/slo_measurements.hpp"

namespace ckpt::service {

// Who the ladder's own flag changes are recorded as.
inline constexpr const char* kLadderActor = "checkpointd (rollback ladder)";

class FlagService {
 public:
  FlagService(ServiceContext& context, flags::FlagSwitch& flags, SloMeasurements& measurements)
      : context_(context), flags_(flags), measurements_(measurements) {}

  boost::asio::awaitable<Result<Checkpoint>> change(std::string id, FlagChangeRequest request);

  // Sets the flag in each of `scopes`, recording every change; the checkpoint after the
  // last one, or the first backend's error (its change recorded as failed).
  boost::asio::awaitable<Result<Checkpoint>> apply(std::string id, std::vector<std::string> scopes,
                                                   FlagChangeRequest request);

 private:
  boost::asio::awaitable<std::vector<CheckResult>> health_checks(const Checkpoint& checkpoint);

  ServiceContext& context_;
  flags::FlagSwitch& flags_;
  SloMeasurements& measurements_;
};

}  // namespace ckpt::service
