#include "pg/archiver.hpp"

#include <pqxx/nontransaction>

#include "pg/session.hpp"
#include "pg/statement_log.hpp"

namespace ckpt::pg {
namespace {

constexpr const char* kArchiverQuery = R"SQL(
SELECT current_setting('archive_mode'),
       current_setting('archive_command'),
       coalesce(current_setting('archive_library', true), ''),
       coalesce(a.last_archived_wal, ''),
       coalesce(to_char(a.last_archived_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00', ''),
       coalesce(a.last_failed_wal, ''),
       coalesce(to_char(a.last_failed_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00', ''),
       a.failed_count,
       a.last_failed_time IS NOT NULL
         AND (a.last_archived_time IS NULL OR a.last_failed_time > a.last_archived_time),
       extract(epoch FROM clock_timestamp() - a.last_archived_time)::float8
FROM pg_stat_archiver a
)SQL";

}  // namespace

Result<ArchiverStatus> read_archiver_status(pqxx::connection& connection) {
  return guarded_sql("reading pg_stat_archiver", [&] {
    pqxx::nontransaction transaction{connection};
    const auto row = exec1(transaction, kArchiverQuery);
    ArchiverStatus status;
    status.archive_mode = row[0].as<std::string>();
    status.archive_command = row[1].as<std::string>();
    status.archive_library = row[2].as<std::string>();
    status.last_archived_wal = row[3].as<std::string>();
    status.last_archived_time = row[4].as<std::string>();
    status.last_failed_wal = row[5].as<std::string>();
    status.last_failed_time = row[6].as<std::string>();
    status.failed_count = row[7].as<std::int64_t>();
    status.failing = row[8].as<bool>();
    if (!row[9].is_null()) status.last_archived_age_seconds = row[9].as<double>();
    return status;
  });
}

}  // namespace ckpt::pg
