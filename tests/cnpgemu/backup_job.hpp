// One Backup, run the way CNPG runs it (cnpg.md §2.4), on a worker thread:
//   method plugin             (no status = pending) -> started -> completed | failed
//   method barmanObjectStore  pending -> running -> completed | failed
// The Backup's cluster must be a source cluster whose archiving matches the method; the
// base backup is pg_basebackup into <work>/backups/<serverName>/<backupId>, recorded in
// the catalog when it completes. While another backup of the same cluster runs, the
// Backup waits in `pending`; while the cluster's wal_archiving_failing switch is on, it
// waits in `walArchivingFailing` (error "WAL archiving is not working ...") without
// holding the cluster's slot. A definition the emulation cannot act on fails at once
// with an error naming the field. A stop request cancels a running pg_basebackup.
#pragma once

#include <boost/json/object.hpp>
#include <stop_token>

#include "cnpgemu/emulator_context.hpp"

namespace ckpt::cnpgemu {

void run_backup(EmulatorContext& context, const boost::json::object& backup, const std::stop_token& stop);

}  // namespace ckpt::cnpgemu
