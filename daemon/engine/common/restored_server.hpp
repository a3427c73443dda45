// Verification of a restored, promoted server, for every engine: it is out of recovery,
// writes on a timeline after the checkpoint's, its timeline history records the switch
// exactly before the recovery target ("before ..."), and its schema fingerprint equals
// the checkpoint's. The history check is skipped when the engine cannot read the file
// (the reader returns nullopt) and the fingerprint check when the checkpoint has none;
// the result says which checks ran. Failures are ErrorCode::failed with the message
// "verification of <subject> failed: <what differs>" (both hashes for the schema).
// Blocking: run on the pool.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <pqxx/connection>
#include <string>

#include "core/checkpoint.hpp"
#include "core/result.hpp"

namespace ckpt::engine {

// The text of the history file of `timeline`, or nullopt when it cannot be read by design.
using HistoryReader = std::function<Result<std::optional<std::string>>(std::uint32_t timeline)>;

struct VerifiedRestore {
  std::uint32_t timeline = 0;
  bool stop_point_checked = false;    // false: the history file could not be read
  bool fingerprint_compared = false;  // false: the checkpoint has no fingerprint
};

Result<VerifiedRestore> verify_restored_server(pqxx::connection& session, const Checkpoint& checkpoint,
                                               const std::string& subject, const HistoryReader& read_history);

}  // namespace ckpt::engine
