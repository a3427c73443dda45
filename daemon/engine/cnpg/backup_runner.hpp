// The checkpoint's base backup on CNPG: find the Backup backup_object_name(<CNPG
// cluster>, <id>) (adopting it when it is this checkpoint's, refusing any other object
// with the name: owned_object.hpp) or create it from cnpg/backup_manifest.hpp (checked
// against the Backup CRD first, manifest_validator.hpp: a violation sends nothing), then
// follow it, watch-driven, judging every version and the time spent in each phase
// (backup_progress.hpp) until it completes, fails, stays in a phase past its deadline, or
// deadlines.backup passes (ErrorCode::deadline_exceeded naming the last phase). Never
// creates a second Backup for a checkpoint: a retry or a restarted daemon resumes by
// finding the one it made. A create of unknown outcome is made again after a backoff
// with jitter, within deadlines.backup (owned_object.hpp). Errors of the Kubernetes API
// carry a documented refusal reason, never the API's Status reason: the API failing, not
// answering or refusing checkpointd is cluster_unreachable, with the API's message.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "core/checkpoint.hpp"
#include "core/result.hpp"
#include "engine/cnpg/cnpg_context.hpp"

namespace ckpt::engine::cnpg {

boost::asio::awaitable<Result<BackupInfo>> run_backup(const CnpgContext& context, const Checkpoint& checkpoint);

}  // namespace ckpt::engine::cnpg
