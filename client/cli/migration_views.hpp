// The migration part of a checkpoint (MigrationRecord) as text: the rows of the status
// summary (kind, each SQL step applied or not with its statement count and duration, or
// the wrapped command with its exit status and the tail of its output; the failure),
// the progress lines run prints while the daemon works through the steps, and the
// failure in one line. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cli/text_table.hpp"
#include "core/checkpoint.hpp"

namespace ckpt::cli {

// How many lines of a command's output a failure report and the summary show.
inline constexpr std::size_t kFailureOutputLines = 10;

// Appends "Migration run:", "Steps:" or "Command:"/"Exit:"/"Output:", and "Failure:".
void add_migration_rows(std::vector<TextRow>& rows, const MigrationRecord& migration);

// What `current` shows that `previous` (nullptr: nothing seen yet) did not: steps
// started, statements run ("001_add_phone.sql:4 CREATE INDEX 0.210s"), their notices,
// steps applied, the failure.
std::vector<std::string> migration_progress_lines(const MigrationRecord* previous, const MigrationRecord& current);

// "002_phone_index.sql:3: SQLSTATE 55P03: canceling statement due to lock timeout",
// "the migration command exited 1", "the migration command was killed by SIGKILL
// (exit 137)"; empty when nothing failed.
std::string migration_failure_text(const MigrationRecord& migration);

// The last `count` lines of `text` (a final newline does not start an empty line).
std::vector<std::string> last_lines(std::string_view text, std::size_t count);

}  // namespace ckpt::cli
