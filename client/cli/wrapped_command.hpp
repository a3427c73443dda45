// run's wrapped command (`run -- CMD` or the plan's `command`), once the daemon
// answered the migration start: run CMD (child_process.hpp) with the checkpoint's
// database in its environment, its output passed through to stderr as it comes, then
// report how it ended (POST .../migration/result with its exit code, signal, output tail
// and duration). While the daemon cannot be reached the report is retried every
// kResultRetryInterval for kResultReportTimeout; after that the error (unreachable)
// says the checkpoint stays migrating and how to finish it by hand.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/verbs.hpp"
#include "codec/requests.hpp"

namespace ckpt::cli {

inline constexpr Millis kResultReportTimeout = std::chrono::minutes{2};
inline constexpr Millis kResultRetryInterval = std::chrono::seconds{2};

// CHECKPOINT_ID, then PGHOST, PGPORT, PGDATABASE, PGUSER for the parts the daemon named.
// Never a password: the command brings its own credentials.
std::vector<std::pair<std::string, std::string>> migration_environment(const std::string& checkpoint_id,
                                                                       const DatabaseEndpoint& database);

// Runs `argv` for the migration `started` and reports its end; the checkpoint as the
// daemon answered the report.
Result<Checkpoint> run_wrapped_command(const MigrationStarted& started, const std::vector<std::string>& argv,
                                       const VerbContext& context);

}  // namespace ckpt::cli
