#include "pg/archiver.hpp"

#include <pqxx/nontransaction>

#include "pg/session.hpp"

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
         AND (a.last_archived_time IS NULL OR a.last_failed_time > a.last_archived_time)
FROM pg_stat_archiver a
)SQL";

}  // namespace

Result<ArchiverStatus> read_archiver_status(pqxx::connection& connection) {
  return guarded_sql("reading pg_stat_archiver", [&] {
    pqxx::nontransaction transaction{connection};
    const auto row = transaction.exec1(kArchiverQuery);
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
    return status;
  });
}

}  // namespace ckpt::pg
