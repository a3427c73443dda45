// Whether a checkpoint can be taken on the local cluster now. Refusals are
// ErrorCode::refused with a refusal reason and a message that says how to fix it:
// cluster_unreachable (the connection settings without secrets and libpq's reason),
// archive_mode_off (archive_mode off or no archive_command), wal_archive_failing (the
// archiver's last failure is newer than its last success, or archive_directory is
// missing or unreadable). Blocking: run on the pool.
#pragma once

#include "core/result.hpp"
#include "engine/local/local_context.hpp"

namespace ckpt::engine::local {

Result<void> check_preflight(const LocalContext& context);

}  // namespace ckpt::engine::local
