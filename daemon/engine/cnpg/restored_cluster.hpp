// Checks on a recovery Cluster's database, reached through its own read-write service
// (rw_host with {cluster} = the recovery Cluster's name, CnpgContext::restored_connection,
// verified as configured when `ca` is the source's):
// - verification after promotion (engine/common/restored_server.hpp), with the timeline
//   history read by pg_read_file(); skipped when the role may not read server files;
// - the timeline it writes on, for a restore resumed after it was verified.
// A connection that fails is ErrorCode::engine_error with reason cluster_unreachable (the
// Service may not answer yet right after the Cluster turned ready). Blocking: run on the pool.
#pragma once

#include <cstdint>
#include <string>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/cnpg/cnpg_context.hpp"
#include "engine/common/restored_server.hpp"

namespace ckpt::engine::cnpg {

Result<VerifiedRestore> verify_restored_cluster(const CnpgContext& context, const Checkpoint& checkpoint,
                                                const std::string& recovery_cluster, RestoredCa ca);

Result<std::uint32_t> restored_timeline(const CnpgContext& context, const std::string& recovery_cluster,
                                        RestoredCa ca);

}  // namespace ckpt::engine::cnpg
