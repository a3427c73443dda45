// Whether a checkpoint can be taken on the CNPG cluster now. Refusals are
// ErrorCode::refused with a refusal reason and a message saying how to fix it:
//   cluster_unreachable  the Kubernetes API does not answer within deadlines.preflight,
//                        the source Cluster does not exist, checkpointd may not read it
//                        (the message names the RBAC verb and resource), or its
//                        database does not answer through the read-write service
//   cluster_not_healthy  not phase "Cluster in healthy state" with Ready=True
//   archive_mode_off     the source has no WAL archive (plugin or barmanObjectStore)
//   wal_archive_failing  condition ContinuousArchiving is not True
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "engine/engine.hpp"
#include "engine/cnpg/cnpg_context.hpp"

namespace ckpt::engine::cnpg {

boost::asio::awaitable<Result<void>> check_preflight(const CnpgContext& context);

// For the metrics: reachable when the Kubernetes API returns the source Cluster within
// deadlines.preflight and its database answers through the read-write service; WAL
// archiving healthy when the Cluster has a WAL archive and ContinuousArchiving=True
// (unknown when the Cluster cannot be read); the age of the last archived segment from
// pg_stat_archiver on the primary (the Cluster CRD has no such field; cnpg.md §5).
boost::asio::awaitable<engine::ClusterHealth> probe_cluster(const CnpgContext& context);

}  // namespace ckpt::engine::cnpg
