// The recovery point of a checkpoint on CNPG, recorded on the source's primary through
// its read-write service and proven archived from pg_stat_archiver alone
// (engine/common/archived_recovery_point.hpp: checkpointd cannot see the object store).
// Then the source Cluster must still report ContinuousArchiving=True, else the
// checkpoint is refused with wal_archive_failing (why_archiving_fails).
// With recovery_target time, a marker transaction commits after the recorded time (a
// recovery to a time stops at the first commit after it and fails when there is none),
// and the server time must lie more than 1 s after the Backup's stoppedAt (which is
// truncated to seconds, cnpg.md §5): a point recorded earlier is recorded again once
// that second has passed; still too early is ErrorCode::failed.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string_view>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/cnpg/cnpg_context.hpp"

namespace ckpt::engine::cnpg {

boost::asio::awaitable<Result<RecoveryPoint>> record_cnpg_recovery_point(const CnpgContext& context,
                                                                         const Checkpoint& checkpoint);

// A server time as recorded ("YYYY-MM-DD HH:MM:SS.ffffff+00"); nullopt for another form.
std::optional<TimePoint> parse_server_time(std::string_view text);

}  // namespace ckpt::engine::cnpg
