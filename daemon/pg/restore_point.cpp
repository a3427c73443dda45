#include "pg/restore_point.hpp"

#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <stdexcept>

#include "pg/session.hpp"
#include "pg/statement_log.hpp"

namespace ckpt::pg {
namespace {

// OFFSET 0 keeps the subquery (and its left-to-right evaluation) intact.
constexpr const char* kRestorePointQuery = R"SQL(
SELECT p.server_time, p.current_lsn::text, p.restore_point_lsn::text,
       pg_walfile_name(p.restore_point_lsn),
       (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size')
FROM (SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS server_time,
             pg_current_wal_lsn() AS current_lsn,
             pg_create_restore_point($1) AS restore_point_lsn
      OFFSET 0) p
)SQL";

Lsn lsn_from(const std::string& text) {
  const auto lsn = parse_lsn(text);
  if (!lsn) throw std::runtime_error("the server returned a malformed LSN '" + text + "'");
  return *lsn;
}

}  // namespace

Result<RecordedRestorePoint> create_restore_point(pqxx::connection& connection, const std::string& name) {
  return guarded_sql("recording the restore point '" + name + "'", [&] {
    pqxx::nontransaction transaction{connection};
    const auto row = exec_params1(transaction, kRestorePointQuery, name);
    RecordedRestorePoint point;
    point.server_time = row[0].as<std::string>();
    point.current_lsn = lsn_from(row[1].as<std::string>());
    point.restore_point_lsn = lsn_from(row[2].as<std::string>());
    point.wal_segment_size = row[4].as<std::uint64_t>();
    const auto wal_file = parse_wal_file_name(row[3].as<std::string>(), point.wal_segment_size);
    if (!wal_file)
      throw std::runtime_error("the server returned a malformed WAL file name '" + row[3].as<std::string>() + "'");
    point.timeline = wal_file->timeline;
    return point;
  });
}

Result<void> commit_marker(pqxx::connection& connection) {
  return guarded_sql("committing a marker transaction after the restore point", [&] {
    pqxx::work transaction{connection};
    exec(transaction, "SELECT txid_current()");
    transaction.commit();
  });
}

Result<void> finish_segment(pqxx::connection& connection, Lsn target, std::uint64_t wal_segment_size) {
  return guarded_sql("switching WAL after " + format_lsn(target), [&] {
    pqxx::nontransaction transaction{connection};
    if (target.value % wal_segment_size == 0) {
      exec(transaction, "SELECT pg_logical_emit_message(false, 'checkpointd', 'segment start')");
    }
    exec(transaction, "SELECT pg_switch_wal()");
  });
}

}  // namespace ckpt::pg
