#include "pg/conninfo.hpp"

#include <algorithm>

#include "obs/redact.hpp"

namespace ckpt::pg {
namespace {

void append_setting(std::string& conninfo, std::string_view key, std::string_view value) {
  if (!conninfo.empty()) conninfo += ' ';
  conninfo += key;
  conninfo += '=';
  conninfo += quote_conninfo_value(value);
}

}  // namespace

std::string quote_conninfo_value(std::string_view value) {
  std::string quoted = "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

std::string build_conninfo(const ConnParams& params) {
  std::string conninfo;
  append_setting(conninfo, "host", params.host);
  append_setting(conninfo, "port", std::to_string(params.port));
  append_setting(conninfo, "user", params.user);
  append_setting(conninfo, "dbname", params.dbname);
  if (!params.passfile.empty()) append_setting(conninfo, "passfile", params.passfile.string());
  if (!params.sslmode.empty()) append_setting(conninfo, "sslmode", params.sslmode);
  if (!params.sslrootcert.empty()) append_setting(conninfo, "sslrootcert", params.sslrootcert.string());
  const auto timeout_seconds =
      std::max<long long>(2, std::chrono::ceil<std::chrono::seconds>(params.connect_timeout).count());
  append_setting(conninfo, "connect_timeout", std::to_string(timeout_seconds));
  if (params.statement_timeout.count() > 0) {
    append_setting(conninfo, "options", "-c statement_timeout=" + std::to_string(params.statement_timeout.count()));
  }
  append_setting(conninfo, "application_name", params.application_name);
  return conninfo;
}

std::string describe(const ConnParams& params) {
  // Redacted too: a host or a database name written as a URL may carry a password.
  return obs::redact("host=" + params.host + " port=" + std::to_string(params.port) + " user=" + params.user +
                     " dbname=" + params.dbname);
}

}  // namespace ckpt::pg
