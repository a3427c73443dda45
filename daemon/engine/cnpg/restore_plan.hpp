// What a CNPG restore of a checkpoint will do, derived without acting: the recovery
// Cluster it applies (rendered from the source Cluster as it is now, printed as YAML),
// the base backup, the recovery target and the steps, including how the verifying
// connection's TLS is checked. A Cluster that violates the Cluster CRD's schema is refused
// here as the restore would refuse it (manifest_validator.hpp), and so is cut-over
// (bad_request).
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/cnpg/cnpg_context.hpp"
#include "engine/engine.hpp"

namespace ckpt::engine::cnpg {

boost::asio::awaitable<Result<RestorePlan>> describe_restore(const CnpgContext& context, const Checkpoint& checkpoint,
                                                             const RestoreOptions& options);

}  // namespace ckpt::engine::cnpg
