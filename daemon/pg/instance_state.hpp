// Small questions to a running server: is it still in recovery, is its replay paused,
// which timeline does it write on (only valid once it writes WAL, i.e. not in recovery).
#pragma once

#include <cstdint>
#include <pqxx/connection>

#include "core/lsn.hpp"
#include "core/result.hpp"

namespace ckpt::pg {

Result<bool> is_in_recovery(pqxx::connection& connection);

// pg_get_wal_replay_pause_state() = 'paused': recovery has stopped and waits (at its
// target, with recovery_target_action = pause). False on a primary.
Result<bool> is_replay_paused(pqxx::connection& connection);

// Timeline of pg_walfile_name(pg_current_wal_lsn()); an error during recovery.
Result<std::uint32_t> current_timeline(pqxx::connection& connection);

// pg_current_wal_insert_lsn(): how far WAL has been written; an error during recovery.
Result<Lsn> current_insert_lsn(pqxx::connection& connection);

}  // namespace ckpt::pg
