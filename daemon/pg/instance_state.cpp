#include "pg/instance_state.hpp"

#include <algorithm>
#include <charconv>
#include <pqxx/nontransaction>
#include <stdexcept>

#include "pg/session.hpp"
#include "pg/statement_log.hpp"

namespace ckpt::pg {

Result<bool> is_in_recovery(pqxx::connection& connection) {
  return guarded_sql("asking pg_is_in_recovery()", [&] {
    pqxx::nontransaction transaction{connection};
    return exec1(transaction, "SELECT pg_is_in_recovery()")[0].as<bool>();
  });
}

Result<bool> is_replay_paused(pqxx::connection& connection) {
  return guarded_sql("asking pg_get_wal_replay_pause_state()", [&] {
    pqxx::nontransaction transaction{connection};
    return exec1(transaction,
                 "SELECT CASE WHEN pg_is_in_recovery() THEN pg_get_wal_replay_pause_state() = 'paused' "
                 "ELSE false END")[0]
        .as<bool>();
  });
}

Result<std::uint32_t> current_timeline(pqxx::connection& connection) {
  return guarded_sql("reading the current timeline", [&] {
    pqxx::nontransaction transaction{connection};
    const auto name = exec1(transaction, "SELECT pg_walfile_name(pg_current_wal_lsn())")[0].as<std::string>();
    std::uint32_t timeline = 0;
    const auto* end = name.data() + std::min<std::size_t>(name.size(), 8);
    const auto [parsed_to, failure] = std::from_chars(name.data(), end, timeline, 16);
    if (name.size() < 24 || failure != std::errc{} || parsed_to != end || timeline == 0) {
      throw std::runtime_error("the server returned a malformed WAL file name '" + name + "'");
    }
    return timeline;
  });
}

Result<Lsn> current_insert_lsn(pqxx::connection& connection) {
  return guarded_sql("reading the current WAL insert position", [&] {
    pqxx::nontransaction transaction{connection};
    const auto text = exec1(transaction, "SELECT pg_current_wal_insert_lsn()::text")[0].as<std::string>();
    const auto lsn = parse_lsn(text);
    if (!lsn) throw std::runtime_error("the server returned a malformed LSN '" + text + "'");
    return *lsn;
  });
}

}  // namespace ckpt::pg
