#include "pg/session.hpp"

#include <pqxx/except>

#include "core/begin_validation.hpp"
#include "obs/redact.hpp"
#include "pg/statement_log.hpp"

namespace ckpt::pg {

std::string one_line(std::string_view message) {
  std::string line;
  bool pending_separator = false;
  for (const char c : message) {
    if (c == '\n' || c == '\r' || c == '\t') {
      pending_separator = !line.empty();
      continue;
    }
    if (pending_separator) {
      line += line.back() == ':' || line.back() == '.' ? " " : "; ";
      pending_separator = false;
    }
    line += c;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

std::string server_text(std::string_view message) {
  return obs::redact(message);
}

std::string failure_text(const std::exception& failure) {
  return one_line(server_text(failure.what()));
}

void CloseSession::operator()(pqxx::connection* connection) const noexcept {
  if (connection == nullptr) return;
  detach_statement_log(*connection);
  delete connection;  // NOLINT(cppcoreguidelines-owning-memory): the Session's own
}

Result<Session> open_session(const ConnParams& params) {
  try {
    Session session{new pqxx::connection(build_conninfo(params))};
    if (params.statement_log) attach_statement_log(*session, *params.statement_log);
    return session;
  } catch (const std::exception& failure) {
    return make_error(ErrorCode::engine_error,
                      "cannot connect to PostgreSQL (" + describe(params) + "): " + failure_text(failure),
                      refusal::cluster_unreachable);
  }
}

namespace detail {

Error sql_failure(std::string_view what, const std::exception& failure) {
  std::string message = std::string{what} + " failed: " + failure_text(failure);
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&failure); sql != nullptr && !sql->sqlstate().empty()) {
    message += " (SQLSTATE " + sql->sqlstate() + ")";
  }
  const bool lost = dynamic_cast<const pqxx::broken_connection*>(&failure) != nullptr;
  return make_error(ErrorCode::engine_error, std::move(message), lost ? refusal::cluster_unreachable : "");
}

}  // namespace detail
}  // namespace ckpt::pg
