// The end-of-recovery checkpoint of a restored instance, read from its server log: when
// recovery reaches its target with recovery_target_action = promote, PostgreSQL writes a
// synchronous checkpoint before it accepts writes, and with log_checkpoints (on by
// default in PostgreSQL 15) logs "checkpoint starting: end-of-recovery ..." and then
// "checkpoint complete: wrote N buffers (P%); ...; total=T s; ...". Its share of a
// restore is part of the restore's notes. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ckpt::engine::local {

struct EndOfRecoveryCheckpoint {
  double total_seconds = 0;
  std::string written;  // "wrote 1234 buffers (7.5%)", empty when the line has no such part
};

// The first end-of-recovery checkpoint in `log` that completed; nullopt when there is
// none (log_checkpoints off, or recovery did not end with one).
std::optional<EndOfRecoveryCheckpoint> find_end_of_recovery_checkpoint(std::string_view log);

}  // namespace ckpt::engine::local
