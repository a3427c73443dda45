// WAL archiving as the server sees it: archive_mode, archive_command/archive_library
// and pg_stat_archiver, read in one statement. Times are UTC text
// ("YYYY-MM-DD HH:MM:SS.ffffff+00"); empty strings mean "never".
#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/connection>
#include <string>

#include "core/result.hpp"

namespace ckpt::pg {

struct ArchiverStatus {
  std::string archive_mode;  // on | always | off
  std::string archive_command;
  std::string archive_library;
  std::string last_archived_wal;
  std::string last_archived_time;
  std::string last_failed_wal;
  std::string last_failed_time;
  std::int64_t failed_count = 0;
  bool failing = false;  // the last failure is newer than the last success
  // Seconds from last_archived_time to the server's clock_timestamp(); nullopt: never.
  std::optional<double> last_archived_age_seconds;

  bool archiving_configured() const {
    return archive_mode != "off" && (!archive_command.empty() || !archive_library.empty());
  }
};

Result<ArchiverStatus> read_archiver_status(pqxx::connection& connection);

}  // namespace ckpt::pg
