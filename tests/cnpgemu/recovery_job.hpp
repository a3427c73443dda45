// One recovery Cluster, restored the way CNPG's full-recovery Job does it (cnpg.md §3, §4.2),
// on a worker thread:
//   1. read the definition (recovery_request.hpp); one it cannot act on -> "Invalid cluster definition"
//   2. "Setting up primary"; the recovery fault switches act here (fail, stick, scripted restore)
//   3. the plugin source's ObjectStore must exist
//   4. "Expected empty archive": the Cluster's own archive folder must be empty, else it
//      stays in "Setting up primary" with the check's error in phaseReason
//   5. choose the base backup (backup_catalog.hpp); its beginWal must be in the archive
//   6. copy it to <work>/clusters/<ns>/<name>/pgdata, write custom.conf + recovery.signal,
//      start PostgreSQL on the source's port, listening only in the rw service directory
//      <services>/<name>-rw.<ns>, archiving into its own folder if it has an archiver
//   7. follow it until promoted -> Initialized=True, then healthy with Ready=True (the
//      moment is recorded); if it exits first -> unrecoverable with its FATAL line
// A failure in 3, 5 or 6 makes the Cluster unrecoverable with the reason. The restored
// server runs until a stop is requested (the Cluster was deleted, or the emulator stops);
// then the job stops it.
#pragma once

#include <boost/json/object.hpp>
#include <stop_token>

#include "cnpgemu/emulator_context.hpp"

namespace ckpt::cnpgemu {

void run_recovery(EmulatorContext& context, const boost::json::object& cluster, const std::stop_token& stop);

}  // namespace ckpt::cnpgemu
