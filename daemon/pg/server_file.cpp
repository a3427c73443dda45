#include "pg/server_file.hpp"

#include <pqxx/except>
#include <pqxx/nontransaction>

#include "pg/session.hpp"
#include "pg/statement_log.hpp"

namespace ckpt::pg {

Result<std::optional<std::string>> read_server_file(pqxx::connection& connection, const std::string& relative_path) {
  return guarded_sql("reading " + relative_path + " on the server", [&]() -> std::optional<std::string> {
    try {
      pqxx::nontransaction transaction{connection};
      return exec_params1(transaction, "SELECT pg_read_file($1)", relative_path)[0].as<std::string>();
    } catch (const pqxx::insufficient_privilege&) {
      return std::nullopt;
    }
  });
}

}  // namespace ckpt::pg
