// The go/no-go of a contract step (core/contract_gate.hpp), computed from recorded
// evidence plus the one thing that must be read live: the expand plan's feature flag in
// each of its scopes, read back from the flag backends (traffic on the new code path).
// Used by the contract gate at begin, GET /v1/go-no-go and the evidence package.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "core/contract_gate.hpp"
#include "core/result.hpp"
#include "flags/flag_switch.hpp"
#include "service/service_context.hpp"

namespace ckpt::service {

class GoNoGo {
 public:
  GoNoGo(ServiceContext& context, flags::FlagSwitch& flags) : context_(context), flags_(flags) {}

  // not_found when `cluster` is not configured.
  boost::asio::awaitable<Result<GateVerdict>> evaluate(std::string cluster, std::string expand_migration_id);

  // The expand checkpoint's plan flag read back in each of its scopes (none without a
  // committed expand checkpoint or a flag). A failed read is a reading with its error.
  boost::asio::awaitable<std::vector<FlagReading>> read_flags(const std::vector<Checkpoint>& checkpoints,
                                                              const std::string& expand_migration_id);

 private:
  ServiceContext& context_;
  flags::FlagSwitch& flags_;
};

}  // namespace ckpt::service
